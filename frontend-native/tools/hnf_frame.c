/*
 * hnf_frame.c — building and checking hnf-pktgen's test frames (layout in
 * hnf_frame.h), parsing size lists, and the receiver's delivery tally.
 * Pure C on memory buffers: no device, no system calls except malloc.
 */
#include "hnf_frame.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OFF_MAGIC   14
#define OFF_STREAM  18
#define OFF_KIND    20
#define OFF_VERSION 21
#define OFF_SEQ     22
#define OFF_LEN     30
#define OFF_RSVD    32
#define OFF_CRC     34
#define FRAME_VERSION 1

static const uint8_t magic[4] = { 'H', 'N', 'F', 'G' };

static uint32_t crc_table[256];

/* Reflected CRC-32, polynomial 0x04C11DB7 (IEEE 802.3 clause 3.2.9), bit-reversed. */
static void crc_init(void)
{
	uint32_t i, k, c;

	if (crc_table[1])
		return;
	for (i = 0; i < 256; i++) {
		c = i;
		for (k = 0; k < 8; k++)
			c = (c & 1) ? 0xedb88320U ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
}

uint32_t hnf_crc32(const uint8_t *p, uint32_t len, uint32_t crc)
{
	uint32_t i;

	crc_init();
	crc = ~crc;
	for (i = 0; i < len; i++)
		crc = crc_table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
	return ~crc;
}

static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)v);
	put16(p + 2, (uint16_t)(v >> 16));
}

static uint32_t get32(const uint8_t *p) { return get16(p) | (uint32_t)get16(p + 2) << 16; }

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

static uint64_t get64(const uint8_t *p) { return get32(p) | (uint64_t)get32(p + 4) << 32; }

/* Four bytes of pattern per position group: cheap, and different per seq. */
static uint32_t pattern_seed(uint16_t stream, uint64_t seq)
{
	return (uint32_t)stream * 0x9e3779b1U ^ (uint32_t)seq * 0x85ebca6bU ^
	       (uint32_t)(seq >> 32) * 0xc2b2ae35U;
}

static uint8_t pattern_byte(uint32_t seed, uint32_t i)
{
	return (uint8_t)((seed >> ((i & 3) * 8)) + i);
}

/* CRC of [14, len) with the CRC field as zero, without writing the frame. */
static uint32_t frame_crc(const uint8_t *buf, uint32_t len)
{
	static const uint8_t zero[4];
	uint32_t crc;

	crc = hnf_crc32(buf + OFF_MAGIC, OFF_CRC - OFF_MAGIC, 0);
	crc = hnf_crc32(zero, 4, crc);
	return hnf_crc32(buf + OFF_CRC + 4, len - (OFF_CRC + 4), crc);
}

void hnf_frame_mac(uint8_t mac[6], uint16_t stream, uint8_t kind)
{
	mac[0] = 0x02;                 /* locally administered, unicast */
	mac[1] = 0x48;
	mac[2] = 0x4e;
	mac[3] = (uint8_t)(stream >> 8);
	mac[4] = (uint8_t)stream;
	mac[5] = kind;
}

int hnf_frame_build(uint8_t *buf, uint32_t len, const uint8_t *dst, uint16_t stream,
		    uint8_t kind, uint64_t seq)
{
	uint32_t seed = pattern_seed(stream, seq), i;

	if (len < HNF_FRAME_HDR_LEN || len > HNF_FRAME_MAX_LEN)
		return -1;
	if (dst)
		memcpy(buf, dst, 6);
	else
		memset(buf, 0xff, 6);
	hnf_frame_mac(buf + 6, stream, kind);
	buf[12] = HNF_ETHERTYPE >> 8;
	buf[13] = HNF_ETHERTYPE & 0xff;
	memcpy(buf + OFF_MAGIC, magic, 4);
	put16(buf + OFF_STREAM, stream);
	buf[OFF_KIND] = kind;
	buf[OFF_VERSION] = FRAME_VERSION;
	put64(buf + OFF_SEQ, seq);
	put16(buf + OFF_LEN, (uint16_t)len);
	put16(buf + OFF_RSVD, 0);
	for (i = HNF_FRAME_HDR_LEN; i < len; i++)
		buf[i] = pattern_byte(seed, i);
	put32(buf + OFF_CRC, frame_crc(buf, len));
	return 0;
}

enum hnf_verdict hnf_frame_check(const uint8_t *buf, uint32_t len, struct hnf_frame_info *info)
{
	uint32_t seed, i;

	memset(info, 0, sizeof(*info));
	info->len = len;
	if (len < OFF_MAGIC + 4 || buf[12] != HNF_ETHERTYPE >> 8 ||
	    buf[13] != (HNF_ETHERTYPE & 0xff) || memcmp(buf + OFF_MAGIC, magic, 4) != 0)
		return HNF_FRAME_FOREIGN;
	if (len < HNF_FRAME_HDR_LEN)
		return HNF_FRAME_CORRUPT;
	info->stream = get16(buf + OFF_STREAM);
	info->kind = buf[OFF_KIND];
	info->seq = get64(buf + OFF_SEQ);
	if (buf[OFF_VERSION] != FRAME_VERSION || get16(buf + OFF_LEN) != len ||
	    get16(buf + OFF_RSVD) != 0 || get32(buf + OFF_CRC) != frame_crc(buf, len))
		return HNF_FRAME_CORRUPT;
	seed = pattern_seed(info->stream, info->seq);
	for (i = HNF_FRAME_HDR_LEN; i < len; i++)
		if (buf[i] != pattern_byte(seed, i))
			return HNF_FRAME_CORRUPT;
	return HNF_FRAME_OK;
}

static int parse_size(const char *s, const char *end, uint32_t max, uint32_t *out)
{
	char *stop;
	unsigned long v;

	if (end - s == 3 && !strncmp(s, "max", 3)) {
		*out = max;
		return 0;
	}
	if (s == end || *s < '0' || *s > '9')
		return -1;
	v = strtoul(s, &stop, 10);
	if (stop != end || v < HNF_FRAME_HDR_LEN || v > max)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

int hnf_sizes_parse(struct hnf_sizes *s, const char *spec, uint32_t max, char *err,
		    unsigned int errlen)
{
	const char *p = spec;

	s->n = 0;
	if (max > HNF_FRAME_MAX_LEN)
		max = HNF_FRAME_MAX_LEN;
	while (*p) {
		const char *end = strchr(p, ',');
		const char *dash;
		uint32_t lo, hi, v;

		if (!end)
			end = p + strlen(p);
		dash = memchr(p, '-', (size_t)(end - p));
		if (dash ? parse_size(p, dash, max, &lo) || parse_size(dash + 1, end, max, &hi) || lo > hi
			 : parse_size(p, end, max, &lo)) {
			snprintf(err, errlen, "size '%.*s' is not a size or range of sizes in %u..%u (or max)",
				 (int)(end - p), p, HNF_FRAME_HDR_LEN, max);
			return -1;
		}
		if (!dash)
			hi = lo;
		for (v = lo; v <= hi; v++) {
			if (s->n == HNF_MAX_SIZES) {
				snprintf(err, errlen, "more than %u sizes in '%s'", HNF_MAX_SIZES, spec);
				return -1;
			}
			s->size[s->n++] = v;
		}
		p = *end ? end + 1 : end;
	}
	if (s->n == 0) {
		snprintf(err, errlen, "empty size list");
		return -1;
	}
	return 0;
}

int hnf_tally_init(struct hnf_rx_tally *t, uint64_t expected)
{
	memset(t, 0, sizeof(*t));
	t->expected = expected;
	if (expected) {
		t->seen = calloc((size_t)((expected + 7) / 8), 1);
		if (!t->seen)
			return -1;
	}
	return 0;
}

void hnf_tally_free(struct hnf_rx_tally *t)
{
	free(t->seen);
	t->seen = NULL;
}

void hnf_tally_add(struct hnf_rx_tally *t, enum hnf_verdict v, const struct hnf_frame_info *fi,
		   uint32_t want_len)
{
	uint64_t seq = fi->seq;

	t->received++;
	if (v != HNF_FRAME_OK || (want_len && fi->len != want_len)) {
		t->corrupt++;
		return;
	}
	t->intact++;
	if (t->expected && seq >= t->expected) {
		t->unexpected++;
		return;
	}
	if (t->seen) {
		uint8_t bit = (uint8_t)(1U << (seq & 7));

		if (t->seen[seq >> 3] & bit) {
			t->duplicate++;
			return;
		}
		t->seen[seq >> 3] |= bit;
		t->distinct++;
	}
	if (seq + 1 < t->next_seq)
		t->out_of_order++;
	else
		t->next_seq = seq + 1;
}

uint64_t hnf_tally_missing(const struct hnf_rx_tally *t)
{
	return t->expected ? t->expected - t->distinct : 0;
}
