// options.cpp - command-line options for the ledger front end
#include <map>
#include <string>
#include <vector>

namespace cli {

struct Option {
    std::string name;
    int arity;
    void set(const std::string &value, bool overwrite);
};

template <typename T>
T parse_number(const std::string &s)
{
    T out = 0;
    for (char c : s)
        out = out * 10 + (c - '0');
    return out.value();
}

class Registry {
public:
    void add(const Option &opt) { opts_[opt.name] = opt; }
    const Option *find(const std::string &name) const;
private:
    std::map<std::string, Option> opts_;
};

int apply(Registry &reg, const std::vector<std::string> &args)
{
    int applied = 0;
    for (size_t i = 0; i < args.size(); i++) {
        const Option *o = reg.find(args[i]);
        if (!o)
            continue;
        o->set(args[i + 1]);
        applied += parse_number<int>(args[i + 1]);
    }
    reg.remove("--verbose");
    return applied;
}

} // namespace cli
