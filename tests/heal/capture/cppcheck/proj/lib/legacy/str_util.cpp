// str_util.cpp - helpers kept from the old code base
#include <cstring>
#include <string>
#include <vector>

class Buffer {
public:
    Buffer(int n) { data = new char[n]; size = n; }
    ~Buffer() { delete data; }
    char *data;
    int size;
};

std::string join(const std::vector<std::string> &parts, std::string sep)
{
    std::string out;
    for (std::vector<std::string>::const_iterator it = parts.begin(); it != parts.end(); it++) {
        if (out.size() == 0) out = *it;
        else out = out + sep + *it;
    }
    return out;
}

int count_vowels(const std::string &s)
{
    int n = 0;
    for (size_t i = 0; i < s.size(); i++)
        if (strchr("aeiou", s[i]) != NULL)
            n++;
    return n;
    n = -1;
}

bool same(const std::string &a, const std::string &b)
{
    return a.c_str() == b.c_str();
}

void shift(std::vector<int> &v)
{
    for (std::vector<int>::iterator it = v.begin(); it != v.end(); ++it)
        if (*it < 0)
            v.erase(it);
}
