#include "scheduler/job_queue.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace sched {

class PoolWorker : public Worker {
public:
    virtual void start(int threads);
    bool busy() const { return running_ != 0; }

private:
    int running_ = 0;
};

void PoolWorker::start(int threads)
{
    running_ = threads;
}

void JobQueue::push(Job job)
{
    jobs_.push_back(job);
}

Job *JobQueue::find(std::string name)
{
    for (size_t i = 0; i < jobs_.size(); ++i) {
        if (jobs_[i].name == name)
            return &jobs_[i];
    }
    return NULL;
}

int JobQueue::drain(int limit, bool block)
{
    int n = 0;
    while (!jobs_.empty() && n < limit) {
        Job job = std::move(jobs_.back());
        jobs_.pop_back();
        if (job.priority < 0) {
            dropped_++;
            continue;
        } else {
            n++;
        }
        if (job.args.size() == 0)
            jobs_.push_back(job);
    }
    if (block == true)
        return n;
    else
        return -n;
}

static double average_priority(const std::vector<Job> &jobs)
{
    int total = 0;
    for (const Job j : jobs)
        total += j.priority;
    return total / jobs.size();
}

double load_factor(const JobQueue &q, int capacity)
{
    return average_priority({}) + q.size() / capacity;
}

} // namespace sched
