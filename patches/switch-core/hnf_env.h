/*
 * hnf_env.h — what an environment must provide so that hnf_switch.c
 * compiles into it (Xen, the user-space tests, the fuzzer, the bench).
 *
 * The core includes nothing else: no libc, no Xen or Linux headers. Each
 * environment puts its own "hnf_env_impl.h" first on the include path; that
 * header must define, before anything here is used:
 *
 *   types     uint8_t uint16_t uint32_t uint64_t int64_t size_t bool true false
 *   errno     EPERM ENOENT EIO E2BIG EBUSY EINVAL ENOSPC ENOSYS (positive values,
 *             equal to Xen's public/errno.h; the core returns them negated)
 *   NULL
 *   hnf_lock_t                 a lock (Xen: spinlock_t; user space: may be empty)
 *   HNF_LOCK_INIT(hnf_lock_t *)
 *   HNF_LOCK(hnf_lock_t *)     the core never sleeps or calls back while holding it
 *   HNF_UNLOCK(hnf_lock_t *)
 *   HNF_MEMCPY(dst, src, n)    copies n bytes between non-overlapping ranges;
 *                              either side may be shared memory a guest is writing
 *   HNF_RMB()                  orders earlier loads before later loads (Xen: smp_rmb)
 *   HNF_WMB()                  orders earlier loads and stores before later stores,
 *                              i.e. a release fence (Xen on x86: smp_wmb, since x86
 *                              never moves a store before an earlier load); the
 *                              guest reads the rings on another CPU
 *   HNF_REGION_AT(base, env, off)
 *                              (uint8_t *) for byte `off` of a port's region, where
 *                              base and env are what the environment passed in
 *                              struct hnf_port_params. The core calls it only after
 *                              checking off + length <= region_size, so a contiguous
 *                              mapping (Xen: vmap of the frames) makes it base + off.
 *
 * and may define HNF_READ_ONCE / HNF_WRITE_ONCE (defaults below use volatile
 * accesses, as Linux's READ_ONCE does for scalars) and HNF_PREFETCH.
 *
 * The environment also implements the functions declared at the end.
 */
#ifndef HNF_ENV_H
#define HNF_ENV_H

#include "hnf_env_impl.h"

/*
 * One load of a guest-writable scalar. The compiler may neither repeat nor
 * tear it, so the value validated is the value used (DESIGN.md, "Memory and
 * trust"; xen-netback's RING_COPY_REQUEST follows the same rule).
 */
#ifndef HNF_READ_ONCE
#define HNF_READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#endif
/* A hint to fetch the cache line at p; optional (Xen: prefetch()). */
#ifndef HNF_PREFETCH
#define HNF_PREFETCH(p) __builtin_prefetch(p)
#endif
#ifndef HNF_WRITE_ONCE
#define HNF_WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
#endif

/* Log levels for hnf_env_log. */
#define HNF_LOG_ERR  0
#define HNF_LOG_WARN 1
#define HNF_LOG_INFO 2

/*
 * Signal the event channel `evtchn` bound to port `port_id` (owned by
 * port_env's domain): packets were placed in its RX rings. Called with the
 * switch lock held, so port_env is still registered; it must not sleep or
 * call back into the core (Xen: notify_via_xen_event_channel or
 * evtchn_port_set_pending, both safe under a spinlock).
 */
void hnf_env_notify(void *port_env, uint32_t port_id, uint32_t evtchn);

/* Monotonic time in nanoseconds (Xen: NOW()); used to rate-limit logging. */
uint64_t hnf_env_now_ns(void);

/* A one-line message (no trailing newline needed), printf-style. */
void hnf_env_log(int level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif /* HNF_ENV_H */
