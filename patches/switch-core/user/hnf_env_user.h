/* What the user-space environment records, for tests to inspect. */
#ifndef HNF_ENV_USER_H
#define HNF_ENV_USER_H

#include "hnf_env.h"

#define HNF_USER_NOTIFY_LOG 256

struct hnf_user_notify {
    void *port_env;
    uint32_t port_id;
    uint32_t evtchn;
};

struct hnf_user_env {
    int quiet;                 /* suppress log output (fuzzer, bench) */
    unsigned long log_count;
    unsigned long notify_count;
    struct hnf_user_notify notify_log[HNF_USER_NOTIFY_LOG];
};

extern struct hnf_user_env hnf_user_env;

void hnf_user_env_reset(void);

#endif /* HNF_ENV_USER_H */
