/*
 * xen/hypernf.h — what the rest of Xen calls into HyperNF
 * (common/hypernf/).
 */
#ifndef __XEN_HYPERNF_H__
#define __XEN_HYPERNF_H__

struct domain;

#ifdef CONFIG_HYPERNF
/* Remove every port d owns or backs; from domain_kill(), once d is dying. */
void hypernf_domain_destroy(struct domain *d);
#else
static inline void hypernf_domain_destroy(struct domain *d) {}
#endif

#endif /* __XEN_HYPERNF_H__ */
