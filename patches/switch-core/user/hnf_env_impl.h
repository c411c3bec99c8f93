/*
 * hnf_env_impl.h for user space: the unit tests, the fuzzer and the bench.
 * The programs are single-threaded, so the lock only keeps a nesting depth
 * (useful in a debugger); it never blocks.
 */
#ifndef HNF_ENV_IMPL_H
#define HNF_ENV_IMPL_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct { int depth; } hnf_lock_t;
#define HNF_LOCK_INIT(l) ((l)->depth = 0)
#define HNF_LOCK(l) ((l)->depth++)
#define HNF_UNLOCK(l) ((l)->depth--)

#define HNF_MEMCPY(d, s, n) memcpy((d), (s), (n))
#define HNF_RMB() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define HNF_WMB() __atomic_thread_fence(__ATOMIC_RELEASE)
#define HNF_REGION_AT(base, env, off) ((void)(env), (uint8_t *)(base) + (off))

#endif /* HNF_ENV_IMPL_H */
