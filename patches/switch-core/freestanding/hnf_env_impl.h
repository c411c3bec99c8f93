/*
 * hnf_env_impl.h for the freestanding compile check (make freestanding):
 * only the compiler's own freestanding headers (stdint.h, stddef.h,
 * stdbool.h) are reachable, no libc, as when Xen builds with -nostdinc.
 */
#ifndef HNF_ENV_IMPL_H
#define HNF_ENV_IMPL_H

/* The compiler's own freestanding headers, as Xen and Linux use them. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EPERM 1
#define ENOENT 2
#define EIO 5
#define E2BIG 7
#define EBUSY 16
#define EINVAL 22
#define ENOSPC 28
#define ENOSYS 38

typedef struct { volatile int held; } hnf_lock_t;
#define HNF_LOCK_INIT(l) ((l)->held = 0)
#define HNF_LOCK(l) while (__atomic_exchange_n(&(l)->held, 1, __ATOMIC_ACQUIRE)) { }
#define HNF_UNLOCK(l) __atomic_store_n(&(l)->held, 0, __ATOMIC_RELEASE)

#define HNF_MEMCPY(d, s, n) __builtin_memcpy((d), (s), (n))
#define HNF_RMB() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define HNF_WMB() __atomic_thread_fence(__ATOMIC_RELEASE)
#define HNF_REGION_AT(base, env, off) ((void)(env), (uint8_t *)(base) + (off))

#endif /* HNF_ENV_IMPL_H */
