/*
 * hnf_env_impl.h for the fuzzer: the user-space environment, except that
 * every address the core forms is checked to be inside the region of the
 * port it belongs to. ASan alone would not see an access that lands inside
 * another port's region; this check does (see hnf_fuzz_region_at).
 */
#ifndef HNF_FUZZ_ENV_IMPL_H
#define HNF_FUZZ_ENV_IMPL_H

#include "../user/hnf_env_impl.h"

uint8_t *hnf_fuzz_region_at(void *base, void *env, uint64_t off);

#undef HNF_REGION_AT
#define HNF_REGION_AT(base, env, off) hnf_fuzz_region_at((base), (env), (off))

#endif /* HNF_FUZZ_ENV_IMPL_H */
