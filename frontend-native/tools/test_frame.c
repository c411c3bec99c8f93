/*
 * test_frame.c — host unit test of hnf-pktgen's frame builder and checker,
 * size lists and delivery tally (hnf_frame.c); no device needed. Run by
 * frontend-native/tools/build-payload (and so by frontend-native/ci).
 * Prints "ok NAME" / "FAIL NAME" per check and "test_frame PASS n/n".
 */
#include <stdio.h>
#include <string.h>

#include "hnf_frame.h"

static unsigned int checks, failures;

static void check(const char *name, int ok)
{
	checks++;
	if (!ok)
		failures++;
	printf("%s %s\n", ok ? "ok" : "FAIL", name);
}

static void test_crc(void)
{
	/* The CRC-32 check value of "123456789" (IEEE 802.3 / zlib crc32). */
	check("crc32 check value", hnf_crc32((const uint8_t *)"123456789", 9, 0) == 0xcbf43926U);
	check("crc32 of nothing is 0", hnf_crc32((const uint8_t *)"", 0, 0) == 0);
}

static void test_roundtrip(void)
{
	static const uint32_t sizes[] = { 38, 60, 64, 128, 512, 1514, 2048, 9000 };
	static uint8_t buf[9000];
	static const uint8_t peer[6] = { 2, 0, 0, 0, 0, 7 };
	struct hnf_frame_info fi;
	unsigned int i, all = 1;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		memset(buf, 0xaa, sizeof(buf));
		if (hnf_frame_build(buf, sizes[i], i & 1 ? peer : NULL, 513, HNF_KIND_DATA,
				    0x100000000ULL + i) ||
		    hnf_frame_check(buf, sizes[i], &fi) != HNF_FRAME_OK || fi.stream != 513 ||
		    fi.kind != HNF_KIND_DATA || fi.seq != 0x100000000ULL + i || fi.len != sizes[i])
			all = 0;
		if (i & 1 ? memcmp(buf, peer, 6) != 0 : buf[0] != 0xff || buf[5] != 0xff)
			all = 0;
		if (buf[12] != 0x88 || buf[13] != 0xb5)
			all = 0;
	}
	check("build then check: every size intact, fields read back", all);
	check("too short refused", hnf_frame_build(buf, 37, NULL, 1, HNF_KIND_DATA, 0) == -1);
	check("too long refused", hnf_frame_build(buf, 65536, NULL, 1, HNF_KIND_DATA, 0) == -1);
}

static void test_damage(void)
{
	static uint8_t buf[1514], copy[1514];
	struct hnf_frame_info fi;
	unsigned int pos, bit, caught = 0, tried = 0;

	hnf_frame_build(buf, sizeof(buf), NULL, 7, HNF_KIND_DATA, 42);
	/* Every single-bit flip from the magic onwards must be noticed. */
	for (pos = 14; pos < sizeof(buf); pos++) {
		for (bit = 0; bit < 8; bit += 3) {
			memcpy(copy, buf, sizeof(buf));
			copy[pos] ^= (uint8_t)(1U << bit);
			tried++;
			caught += hnf_frame_check(copy, sizeof(copy), &fi) != HNF_FRAME_OK;
		}
	}
	check("every bit flip after the Ethernet header is caught", caught == tried);
	check("a truncated frame is corrupt (length field disagrees)",
	      hnf_frame_check(buf, 1000, &fi) == HNF_FRAME_CORRUPT && fi.seq == 42);
	memcpy(copy, buf, sizeof(buf));
	copy[12] = 0x08;
	copy[13] = 0x00;
	check("another EtherType is foreign", hnf_frame_check(copy, sizeof(copy), &fi) == HNF_FRAME_FOREIGN);
	memcpy(copy, buf, sizeof(buf));
	copy[15] = 'X';
	check("a wrong magic is foreign", hnf_frame_check(copy, sizeof(copy), &fi) == HNF_FRAME_FOREIGN);
	check("a 10-byte runt is foreign", hnf_frame_check(buf, 10, &fi) == HNF_FRAME_FOREIGN);
	/* A stale buffer of another sequence number is intact but tells its own seq. */
	hnf_frame_build(copy, sizeof(copy), NULL, 7, HNF_KIND_DATA, 43);
	check("frames of different seq differ in payload", memcmp(copy + 38, buf + 38, 1476) != 0);
}

static void test_sizes(void)
{
	static struct hnf_sizes s;
	char err[160];

	check("list with max", hnf_sizes_parse(&s, "60,64,128,512,1514,max", 2048, err, sizeof(err)) == 0 &&
	      s.n == 6 && s.size[0] == 60 && s.size[5] == 2048 && hnf_sizes_of(&s, 7) == 64);
	check("range", hnf_sizes_parse(&s, "60-63,100", 2048, err, sizeof(err)) == 0 && s.n == 5 &&
	      s.size[3] == 63 && s.size[4] == 100);
	check("size above the buffer refused", hnf_sizes_parse(&s, "60,4000", 2048, err, sizeof(err)) == -1 &&
	      strstr(err, "4000") != NULL);
	check("size below the header refused", hnf_sizes_parse(&s, "20", 2048, err, sizeof(err)) == -1);
	check("garbage refused", hnf_sizes_parse(&s, "60,,64", 2048, err, sizeof(err)) == -1 &&
	      hnf_sizes_parse(&s, "6x", 2048, err, sizeof(err)) == -1 &&
	      hnf_sizes_parse(&s, "", 2048, err, sizeof(err)) == -1 &&
	      hnf_sizes_parse(&s, "90-60", 2048, err, sizeof(err)) == -1);
	check("too many sizes refused", hnf_sizes_parse(&s, "38-5000", 65535, err, sizeof(err)) == -1);
}

static void add(struct hnf_rx_tally *t, uint64_t seq, enum hnf_verdict v, uint32_t len,
		uint32_t want)
{
	struct hnf_frame_info fi = { .stream = 1, .kind = HNF_KIND_DATA, .seq = seq, .len = len };

	hnf_tally_add(t, v, &fi, want);
}

static void test_tally(void)
{
	struct hnf_rx_tally t;
	uint64_t i;

	hnf_tally_init(&t, 10);
	for (i = 0; i < 10; i++)
		add(&t, i, HNF_FRAME_OK, 60, 60);
	check("all 10 in order: nothing missing", t.intact == 10 && t.distinct == 10 &&
	      hnf_tally_missing(&t) == 0 && t.out_of_order == 0 && t.duplicate == 0);
	hnf_tally_free(&t);

	hnf_tally_init(&t, 10);
	add(&t, 0, HNF_FRAME_OK, 60, 60);
	add(&t, 2, HNF_FRAME_OK, 60, 60);
	add(&t, 1, HNF_FRAME_OK, 60, 60);    /* late */
	add(&t, 2, HNF_FRAME_OK, 60, 60);    /* again */
	add(&t, 3, HNF_FRAME_CORRUPT, 60, 60);
	add(&t, 4, HNF_FRAME_OK, 64, 60);    /* wrong size for its seq */
	add(&t, 12, HNF_FRAME_OK, 60, 60);   /* beyond the count */
	check("reorder, duplicate, corrupt, wrong size, beyond count, missing all counted",
	      t.received == 7 && t.intact == 5 && t.corrupt == 2 && t.out_of_order == 1 &&
	      t.duplicate == 1 && t.unexpected == 1 && t.distinct == 3 && hnf_tally_missing(&t) == 7);
	hnf_tally_free(&t);

	hnf_tally_init(&t, 0);
	add(&t, 5, HNF_FRAME_OK, 60, 0);
	check("unknown count: nothing called missing", hnf_tally_missing(&t) == 0 && t.intact == 1);
	hnf_tally_free(&t);
}

int main(void)
{
	test_crc();
	test_roundtrip();
	test_damage();
	test_sizes();
	test_tally();
	printf("test_frame %s %u/%u\n", failures ? "FAIL" : "PASS", checks - failures, checks);
	return failures ? 1 : 0;
}
