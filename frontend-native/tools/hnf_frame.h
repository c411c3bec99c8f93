/*
 * hnf_frame.h — the test frames of hnf-pktgen: built and checked here, with
 * no device, so that the host unit test (test_frame.c) covers exactly the
 * code the guests run.
 *
 * Layout (offsets in bytes, integers little endian):
 *    0  dst MAC            broadcast unless the sender names a peer
 *    6  src MAC            02:48:4e:<stream hi>:<stream lo>:<kind>
 *   12  EtherType 0x88b5   IEEE 802 "local experimental" (IEEE Std 802-2014 §9.2.2)
 *   14  magic "HNFG"
 *   18  stream u16         tells concurrent senders apart
 *   20  kind u8            HNF_KIND_DATA or HNF_KIND_ACK
 *   21  version u8         1
 *   22  seq u64            DATA: 0,1,2,...; ACK: data frames the receiver released
 *   30  frame_len u16      the length the sender put in the slot
 *   32  reserved u16       0
 *   34  crc u32            CRC-32 (IEEE 802.3 polynomial) of bytes [14, frame_len)
 *                          computed with these four bytes taken as zero
 *   38  payload            a byte pattern derived from stream and seq
 *
 * A frame is intact when magic, version, frame_len (= the slot's len), the
 * CRC and the pattern all agree; the CRC alone would accept a stale buffer
 * of the same frame, which the sequence bookkeeping then calls a duplicate.
 */
#ifndef HNF_FRAME_H
#define HNF_FRAME_H

#include <stdint.h>

#define HNF_FRAME_HDR_LEN   38U   /* shortest frame this format allows */
#define HNF_FRAME_MAX_LEN   65535U
#define HNF_ETHERTYPE       0x88b5U
#define HNF_KIND_DATA       1U
#define HNF_KIND_ACK        2U

enum hnf_verdict {
	HNF_FRAME_OK = 0,
	HNF_FRAME_FOREIGN,     /* not ours at all: other EtherType or magic */
	HNF_FRAME_CORRUPT,     /* ours, but some byte is wrong */
};

struct hnf_frame_info {
	uint16_t stream;
	uint8_t kind;
	uint64_t seq;
	uint32_t len;
};

uint32_t hnf_crc32(const uint8_t *p, uint32_t len, uint32_t crc);

/* The source MAC hnf-pktgen uses for (stream, kind): locally administered. */
void hnf_frame_mac(uint8_t mac[6], uint16_t stream, uint8_t kind);

/*
 * Write a frame of len bytes (HNF_FRAME_HDR_LEN..HNF_FRAME_MAX_LEN) into
 * buf; dst NULL means broadcast. Returns 0, or -1 if len is out of range.
 */
int hnf_frame_build(uint8_t *buf, uint32_t len, const uint8_t *dst, uint16_t stream,
		    uint8_t kind, uint64_t seq);

/*
 * Check len bytes at buf. On HNF_FRAME_OK *info holds the header fields;
 * on HNF_FRAME_CORRUPT the fields that could be read (stream, kind, seq)
 * are still filled in, for the report.
 */
enum hnf_verdict hnf_frame_check(const uint8_t *buf, uint32_t len, struct hnf_frame_info *info);

/*
 * Frame sizes: a comma-separated list of sizes and ranges LO-HI (every
 * size from LO to HI), "max" meaning the ring's buffer size. Frame seq has
 * size sizes[seq % n], so a receiver with the same list knows each size.
 */
#define HNF_MAX_SIZES 4096U
struct hnf_sizes {
	uint32_t n;
	uint32_t size[HNF_MAX_SIZES];
};

/* Returns 0, or -1 with a message in err (errlen bytes). */
int hnf_sizes_parse(struct hnf_sizes *s, const char *spec, uint32_t max, char *err,
		    unsigned int errlen);

static inline uint32_t hnf_sizes_of(const struct hnf_sizes *s, uint64_t seq)
{
	return s->size[seq % s->n];
}

/*
 * Delivery accounting of one stream: which sequence numbers arrived, how
 * often, in which order. Sequence numbers at or above `expected` (the
 * sender's count) are themselves an error (counted as unexpected).
 */
struct hnf_rx_tally {
	uint64_t expected;       /* 0: unknown (then missing is not computed) */
	uint64_t received;       /* DATA frames of the stream, any state */
	uint64_t intact;         /* ... of which intact and of the right size */
	uint64_t corrupt;        /* ... of which damaged (incl. wrong size) */
	uint64_t duplicate;      /* intact, but that seq was seen before */
	uint64_t out_of_order;   /* intact, first seen, but below the highest seq so far */
	uint64_t unexpected;     /* intact, seq >= expected */
	uint64_t distinct;       /* distinct intact seqs below expected */
	uint64_t next_seq;       /* highest seq seen + 1 */
	uint8_t *seen;           /* bitmap of expected bits, or NULL */
};

/* Returns 0, or -1 if the bitmap cannot be allocated. */
int hnf_tally_init(struct hnf_rx_tally *t, uint64_t expected);
void hnf_tally_free(struct hnf_rx_tally *t);
/*
 * Account one DATA frame of the stream: verdict from hnf_frame_check,
 * and want_len the size the sender's list gives for its seq (0: any).
 */
void hnf_tally_add(struct hnf_rx_tally *t, enum hnf_verdict v, const struct hnf_frame_info *fi,
		   uint32_t want_len);
/* expected - distinct, or 0 when expected is unknown. */
uint64_t hnf_tally_missing(const struct hnf_rx_tally *t);

#endif
