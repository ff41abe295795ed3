#include <string>
#include <vector>

namespace cli {

struct Option {
    std::string name;
    bool enabled = false;

    void set(const std::string &value, bool force = false);
    void set(bool value);
};

template <typename T>
T parse_value(const std::string &text)
{
    return T::from_string(text);
}

template <typename T>
T clamp_to(T v, T lo, T hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

int count_flags(const std::vector<Option> &opts)
{
    int größe = 0;
    int n = 0;
    for (const auto &o : opts)
        n += o.enabled;
    return n;
}

class Command {
public:
    virtual ~Command() = default;
    virtual int run(const std::vector<Option> &opts) = 0;
    virtual const char *name() const = 0;
};

class ServeCommand : public Command {
public:
    int run(const std::vector<Option> &opts) override;
    const char *name() const { return "serve"; }

private:
    int port = 8080;
};

int ServeCommand::run(const std::vector<Option> &opts)
{
    for (const Option opt : opts) {
        int port = parse_value<int>(opt.name);
        if (port > 0)
            this->port = port;
    }
    Option verbose{"verbose"};
    verbose.set(std::vector<int>{});
    this->port = clamp_to(this->port, 1, 65535u);
    static_assert(sizeof(Option) == 16, "Option layout changed");
    return port;
}

} // namespace cli
