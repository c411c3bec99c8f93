/*
 * hnf-wire — the far end of a NIC attached to a HyperNF switch port, for the
 * lab's host side (vm-images/lab/scenarios/nic.scn): an AF_PACKET socket on
 * the tap that QEMU wires to dom0's second NIC.
 *
 *   hnf-wire capture IFACE COUNT SIZE TIMEOUT_S
 *       counts incoming EtherType 0x88b5 frames: "good" ones are SIZE bytes
 *       and carry hnf-probe's payload pattern (frontend-native/tools/
 *       hnf-probe.c); waits until COUNT good ones arrived, then 3 s more to
 *       catch duplicates. Exit 0 only if exactly COUNT good and no bad ones.
 *   hnf-wire inject IFACE COUNT SIZE
 *       sends COUNT broadcast frames of SIZE bytes in that pattern.
 * Frames the host itself sends (PACKET_OUTGOING) are never counted.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define ETHERTYPE_HNF 0x88b5

static void fill_frame(uint8_t *buf, unsigned int len, unsigned int seq)
{
	static const uint8_t src[6] = { 0x02, 0x00, 0x00, 0x00, 0x4e, 0x48 };
	unsigned int i;

	memset(buf, 0xff, 6);
	memcpy(buf + 6, src, 6);
	buf[12] = ETHERTYPE_HNF >> 8;
	buf[13] = ETHERTYPE_HNF & 0xff;
	for (i = 14; i < len; i++)
		buf[i] = (uint8_t)(seq * 7 + i);
	buf[14] = (uint8_t)seq;
}

static int payload_ok(const uint8_t *buf, unsigned int len)
{
	unsigned int seq = buf[14], i;

	for (i = 15; i < len; i++)
		if (buf[i] != (uint8_t)(seq * 7 + i))
			return 0;
	return 1;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static unsigned int num(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (!*s || *end || v > 100000) {
		fprintf(stderr, "hnf-wire: '%s' is not a count/size/timeout\n", s);
		exit(2);
	}
	return (unsigned int)v;
}

int main(int argc, char **argv)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL) };
	unsigned int count, size, i, good = 0, bad = 0, other = 0;
	uint8_t frame[2048];
	int fd;

	if (argc < 5 || (strcmp(argv[1], "capture") && strcmp(argv[1], "inject")) ||
	    (!strcmp(argv[1], "capture") && argc != 6)) {
		fprintf(stderr, "usage: hnf-wire capture IFACE COUNT SIZE TIMEOUT_S | inject IFACE COUNT SIZE\n");
		return 2;
	}
	count = num(argv[3]);
	size = num(argv[4]);
	if (size < 16 || size > 1514) {
		fprintf(stderr, "hnf-wire: size %u outside 16..1514\n", size);
		return 2;
	}
	sll.sll_ifindex = if_nametoindex(argv[2]);
	if (!sll.sll_ifindex) {
		fprintf(stderr, "hnf-wire: no interface %s\n", argv[2]);
		return 1;
	}
	fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	if (fd < 0 || bind(fd, (struct sockaddr *)&sll, sizeof(sll))) {
		perror("hnf-wire: AF_PACKET socket");
		return 1;
	}

	if (!strcmp(argv[1], "inject")) {
		for (i = 0; i < count; i++) {
			fill_frame(frame, size, i);
			if (send(fd, frame, size, 0) != (ssize_t)size) {
				perror("hnf-wire: send");
				return 1;
			}
		}
		printf("HNF_WIRE injected %u frames of %u bytes on %s\n", count, size, argv[2]);
		return 0;
	}

	{
		double deadline = now_s() + num(argv[5]), grace_end = 0;

		for (;;) {
			double t = now_s(), until = grace_end ? grace_end : deadline;
			struct pollfd p = { .fd = fd, .events = POLLIN };
			struct sockaddr_ll from;
			socklen_t fl = sizeof(from);
			ssize_t n;

			if (t >= until)
				break;
			if (poll(&p, 1, (int)((until - t) * 1000) + 1) <= 0)
				continue;
			n = recvfrom(fd, frame, sizeof(frame), 0, (struct sockaddr *)&from, &fl);
			if (n < 0 || from.sll_pkttype == PACKET_OUTGOING)
				continue;
			if (n < 16 || frame[12] != (ETHERTYPE_HNF >> 8) || frame[13] != (ETHERTYPE_HNF & 0xff)) {
				other++;
				continue;
			}
			if ((unsigned int)n == size && payload_ok(frame, n))
				good++;
			else
				bad++;
			if (good >= count && !grace_end)
				grace_end = now_s() + 3;
		}
	}
	printf("HNF_WIRE captured on %s: good=%u of %u, bad=%u, other EtherTypes=%u\n",
	       argv[2], good, count, bad, other);
	return good == count && bad == 0 ? 0 : 1;
}
