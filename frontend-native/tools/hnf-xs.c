/*
 * hnf-xs — xenstore from a busybox guest, for lab scenarios in which dom0
 * signals a guest (dom0 writes /local/domain/<domid>/data/NAME; the guest
 * may read its own data/ directory):
 *   hnf-xs read PATH               print the value; exit 1 if absent
 *   hnf-xs wait PATH SECONDS       poll once a second until PATH exists;
 *                                  exit 1 on timeout
 * PATH is absolute or relative to the guest's home (/local/domain/<domid>).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hnf_xs.h"

int main(int argc, char **argv)
{
	char val[1024];
	time_t until;

	if (argc == 3 && !strcmp(argv[1], "read")) {
		if (hnf_xs_read(argv[2], val, sizeof(val)) < 0) {
			fprintf(stderr, "hnf-xs: %s: cannot read\n", argv[2]);
			return 1;
		}
		printf("%s\n", val);
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "wait")) {
		until = time(NULL) + atol(argv[3]);
		while (hnf_xs_read(argv[2], val, sizeof(val)) < 0) {
			if (time(NULL) >= until) {
				fprintf(stderr, "hnf-xs: %s did not appear within %ss\n", argv[2], argv[3]);
				return 1;
			}
			sleep(1);
		}
		printf("%s=%s\n", argv[2], val);
		return 0;
	}
	fprintf(stderr, "usage: hnf-xs read PATH | hnf-xs wait PATH SECONDS\n");
	return 2;
}
