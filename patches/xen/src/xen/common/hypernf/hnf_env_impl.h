/*
 * hnf_env_impl.h — the portable switch core's environment inside Xen.
 *
 * hnf_env.h (portable, shared with the user-space tests and the fuzzer)
 * lists what an environment must define; this file defines it with Xen's
 * own primitives. The functions hnf_env_notify/now_ns/log are in env.c.
 */
#ifndef HNF_ENV_IMPL_H
#define HNF_ENV_IMPL_H

#include <xen/types.h>
#include <xen/errno.h>
#include <xen/string.h>
#include <xen/spinlock.h>
#include <asm/system.h>

/*
 * The core holds its lock only across bounded work on the calling vCPU
 * (every loop is bounded by ring sizes and the batch limit) and never from
 * interrupt context, so a plain spinlock is enough.
 */
typedef spinlock_t hnf_lock_t;
#define HNF_LOCK_INIT(l)   spin_lock_init(l)
#define HNF_LOCK(l)        spin_lock(l)
#define HNF_UNLOCK(l)      spin_unlock(l)

/*
 * Both sides are Xen virtual addresses: the region is mapped with vmap()
 * and its frames are referenced for as long as the port exists, so a copy
 * can never fault even while the guest writes the same memory.
 */
#define HNF_MEMCPY(d, s, n) memcpy(d, s, n)

#define HNF_RMB()          smp_rmb()
#define HNF_WMB()          smp_wmb()

/* port.c maps the whole region contiguously, so an offset is an address. */
#define HNF_REGION_AT(base, env, off) ((uint8_t *)(base) + (off))

#endif /* HNF_ENV_IMPL_H */
