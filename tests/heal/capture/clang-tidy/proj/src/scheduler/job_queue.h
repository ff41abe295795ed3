#pragma once

#include <string>
#include <vector>

namespace sched {

struct Job {
    std::string name;
    int priority = 0;
    std::vector<std::string> args;
};

class Worker {
public:
    virtual ~Worker() = default;
    virtual void start(int threads);
    virtual bool busy() const;
};

class JobQueue {
public:
    void push(Job job);
    Job *find(std::string name);
    int drain(int max_jobs, bool block);
    size_t size() const { return jobs_.size(); }

private:
    std::vector<Job> jobs_;
    int dropped_ = 0;
};

} // namespace sched
