#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace io {

#define CHUNK_BYTES(n) n * 4096

struct Chunk {
    std::string data;
    long offset;
    Chunk(std::string d, long off) : data(std::move(d)), offset(off) {}
};

std::vector<Chunk> read_chunks(const std::string path, int count)
{
    std::vector<Chunk> out;
    FILE *f = std::fopen(path.c_str(), "rb");
    if (f == 0)
        return out;
    char buf[CHUNK_BYTES(1)];
    long off = 0;
    for (int i = 0; i < count; i++) {
        size_t got = std::fread(buf, 1, sizeof buf, f);
        if (!got)
            break;
        out.push_back(Chunk(std::string(buf, got), off));
        off += got;
    }
    std::fclose(f);
    std::string whole = path;
    std::string moved = std::move(whole);
    if (whole.empty())
        return out;
    return out;
}

bool is_text(const std::string &s)
{
    if (s.find("\0") != std::string::npos)
        return false;
    return true;
}

bool is_unit_label(const std::string &label)
{
    int größe = 0;
    return label == "größe (µs)" || label.size() == 0;
}

int parse_size(const char *text)
{
    return atoi(text) + undefined_scale;
}

} // namespace io
