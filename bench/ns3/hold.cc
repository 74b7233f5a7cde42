// The hold model on ns-3's event schedulers: the same workload as Edge Lab's `bench`
// (src/cli/experiments/bench.ts), for comparing the engine with ns-3 on one machine.
//
// P events are pending; each executed event schedules exactly one successor at now + d, d a
// uniform integer of nanoseconds on [1, 2,000,000] (mean 1 ms). Each run seeds the queue with P
// events, runs max(2P, 300,000) events to reach the steady shape (as bench.ts warms up), then
// times `events` events (or as many as fit in the time budget). Events are scheduled as an ns-3
// model schedules them: Simulator::Schedule with a plain function (one EventImpl per event).
//
// The random draws are xoshiro128** with rejection, as the engine's RandomStream.int: cheap next
// to a scheduler operation, so they do not favour either side.
//
// Build (`npm run sim -- ns3bench` does it): g++ -O2 -std=c++17 hold.cc -I/usr/include -lns3-core
// Usage: hold <scheduler> <pending> <events> <runs> <seed> <budget-seconds>
//   scheduler: ns3::MapScheduler (ns-3's default), ns3::HeapScheduler, ns3::ListScheduler,
//   ns3::CalendarScheduler or ns3::PriorityQueueScheduler.
// Prints one JSON line: {"scheduler", "pending", "events", "runs": [events per wall second,
// ...], "cpuRuns": [events per CPU second of the process, ...], "profile"} (profile: ns-3's
// build profile, "release" for Debian's packages).

#include "ns3/core-module.h"

#include <chrono>
#include <cstdint>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

const uint32_t kMaxDelayNs = 2000000;

struct Xoshiro128
{
    uint32_t s[4];

    static uint64_t SplitMix(uint64_t& x)
    {
        uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    explicit Xoshiro128(uint64_t seed)
    {
        uint64_t a = SplitMix(seed);
        uint64_t b = SplitMix(seed);
        s[0] = uint32_t(a);
        s[1] = uint32_t(a >> 32);
        s[2] = uint32_t(b);
        s[3] = uint32_t(b >> 32);
    }

    static uint32_t Rotl(uint32_t x, int k)
    {
        return (x << k) | (x >> (32 - k));
    }

    uint32_t Next()
    {
        uint32_t result = Rotl(s[1] * 5, 7) * 9;
        uint32_t t = s[1] << 9;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = Rotl(s[3], 11);
        return result;
    }

    /** Uniform integer in [lo, hi], without modulo bias. */
    uint32_t Int(uint32_t lo, uint32_t hi)
    {
        uint64_t n = uint64_t(hi) - lo + 1;
        uint64_t limit = (uint64_t(1) << 32) - ((uint64_t(1) << 32) % n);
        uint32_t x = Next();
        while (x >= limit)
        {
            x = Next();
        }
        return lo + uint32_t(x % n);
    }
};

Xoshiro128* g_rng = nullptr;
uint64_t g_executed = 0;
uint64_t g_stopAt = 0;

void
Hold()
{
    if (++g_executed == g_stopAt)
    {
        Simulator::Stop();
    }
    Simulator::Schedule(NanoSeconds(g_rng->Int(1, kMaxDelayNs)), &Hold);
}

/** Runs until `n` more events have executed. */
void
RunEvents(uint64_t n)
{
    g_stopAt = g_executed + n;
    Simulator::Run();
}

/** CPU time of this process (user and system), in seconds: what a busy machine does not inflate. */
double
CpuSeconds()
{
    timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

struct Rates
{
    double wall;
    double cpu;
};

Rates
OneRun(const std::string& scheduler,
       uint32_t pending,
       uint64_t events,
       uint64_t seed,
       double budgetSeconds)
{
    ObjectFactory factory;
    factory.SetTypeId(scheduler);
    Simulator::SetScheduler(factory);
    Xoshiro128 rng(seed);
    g_rng = &rng;
    g_executed = 0;
    for (uint32_t i = 0; i < pending; i++)
    {
        Simulator::Schedule(NanoSeconds(rng.Int(1, kMaxDelayNs)), &Hold);
    }
    RunEvents(std::max<uint64_t>(2 * uint64_t(pending), 300000));
    // Timed in chunks so that a scheduler far slower than the rest (the list, or the calendar
    // at 100,000 pending) stops after `budgetSeconds` instead of running for minutes.
    auto t0 = std::chrono::steady_clock::now();
    double cpu0 = CpuSeconds();
    double seconds = 0;
    uint64_t done = 0;
    while (done < events)
    {
        uint64_t chunk = std::min<uint64_t>(events - done, 50000);
        RunEvents(chunk);
        done += chunk;
        seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (seconds > budgetSeconds)
        {
            break;
        }
    }
    double cpuSeconds = CpuSeconds() - cpu0;
    Simulator::Destroy();
    g_rng = nullptr;
    return {double(done) / seconds, double(done) / cpuSeconds};
}

} // namespace

int
main(int argc, char** argv)
{
    if (argc != 7)
    {
        std::fprintf(stderr,
                     "usage: %s <scheduler> <pending> <events> <runs> <seed> <budget-seconds>\n",
                     argv[0]);
        return 2;
    }
    std::string scheduler = argv[1];
    uint32_t pending = uint32_t(std::strtoul(argv[2], nullptr, 10));
    uint64_t events = std::strtoull(argv[3], nullptr, 10);
    int runs = std::atoi(argv[4]);
    uint64_t seed = std::strtoull(argv[5], nullptr, 10);
    double budgetSeconds = std::strtod(argv[6], nullptr);
    std::vector<Rates> rates;
    for (int r = 0; r < runs; r++)
    {
        rates.push_back(OneRun(scheduler, pending, events, seed + r, budgetSeconds));
    }
    std::printf("{\"scheduler\":\"%s\",\"pending\":%u,\"events\":%llu,\"runs\":[",
                scheduler.c_str(),
                pending,
                (unsigned long long)events);
    for (size_t i = 0; i < rates.size(); i++)
    {
        std::printf("%s%.0f", i ? "," : "", rates[i].wall);
    }
    std::printf("],\"cpuRuns\":[");
    for (size_t i = 0; i < rates.size(); i++)
    {
        std::printf("%s%.0f", i ? "," : "", rates[i].cpu);
    }
    std::printf("],\"profile\":\"%s\"}\n", Version::BuildProfile().c_str());
    return 0;
}
