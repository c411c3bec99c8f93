/*
 * The environment functions of hnf_env.h for user space. Notifications and
 * log lines are recorded so that tests can check them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "hnf_env_user.h"

struct hnf_user_env hnf_user_env;

void hnf_env_notify(void *port_env, uint32_t port_id, uint32_t evtchn)
{
    struct hnf_user_env *e = &hnf_user_env;

    if (e->notify_count < HNF_USER_NOTIFY_LOG) {
        e->notify_log[e->notify_count].port_env = port_env;
        e->notify_log[e->notify_count].port_id = port_id;
        e->notify_log[e->notify_count].evtchn = evtchn;
    }
    e->notify_count++;
}

uint64_t hnf_env_now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

void hnf_env_log(int level, const char *fmt, ...)
{
    va_list ap;

    hnf_user_env.log_count++;
    if (hnf_user_env.quiet)
        return;
    va_start(ap, fmt);
    fprintf(stderr, "[core %d] ", level);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void hnf_user_env_reset(void)
{
    int quiet = hnf_user_env.quiet;

    memset(&hnf_user_env, 0, sizeof(hnf_user_env));
    hnf_user_env.quiet = quiet;
}
