/*
 * C reference for the Java benchmarks (issue 4): the MAC-swap loop of
 * io.hypernf.bench.RingMacSwapBenchmark, on rings laid out as in
 * /work/shared/NETMAP-ABI.md, built here in heap memory.
 *
 * One netmap_if with one TX and one RX ring of SLOTS slots and a pool of
 * 2048-byte buffers. One operation moves PACKETS_PER_OP 64-byte frames:
 *   produce()   - kernel side of RX: sets each slot's len, advances RX tail;
 *   swap_batch()- the application: up to `batch` RX slots, swaps destination
 *                 and source MAC in place, moves the buffer to the next TX slot
 *                 by swapping buf_idx (NS_BUF_CHANGED on both slots), advances
 *                 RX and TX head/cur;
 *   consume()   - kernel side of TX: every sent slot is free again (TX tail
 *                 moves to just before head).
 * Prints "batch Mpps CPU-ns-per-packet" for each batch size 1, 8, 32, 256.
 *
 * Usage: macswap [seconds-per-batch-size]   (default 2)
 * Build: gcc -O2 -o macswap macswap.c
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SLOTS 1024
#define BUF_SIZE 2048
#define RESERVED_BUFFERS 2
#define FRAME_LENGTH 64
#define PACKETS_PER_OP 256
#define NS_BUF_CHANGED 0x1

/* struct netmap_slot: 16 bytes (NETMAP-ABI.md). */
struct nm_slot {
	uint32_t buf_idx;
	uint16_t len;
	uint16_t flags;
	uint64_t ptr;
};

/* struct netmap_ring: 256-byte header, then the slots. */
struct nm_ring {
	int64_t buf_ofs;
	uint32_t num_slots;
	uint32_t nr_buf_size;
	uint16_t ringid;
	uint16_t dir;
	uint32_t head;
	uint32_t cur;
	uint32_t tail;
	uint32_t flags;
	uint8_t pad_ts[4];
	uint8_t ts[16];
	uint64_t offset_mask;
	uint64_t buf_align;
	uint8_t pad_sem[56];
	uint8_t sem[128];
	struct nm_slot slot[];
};

/* struct netmap_if: 56 bytes, then ring_ofs[]. */
struct nm_if {
	char ni_name[16];
	uint32_t ni_version;
	uint32_t ni_flags;
	uint32_t ni_tx_rings;
	uint32_t ni_rx_rings;
	uint32_t ni_bufs_head;
	uint32_t ni_host_tx_rings;
	uint32_t ni_host_rx_rings;
	uint8_t spare[12];
	int64_t ring_ofs[];
};

_Static_assert(sizeof(struct nm_slot) == 16, "netmap_slot is 16 bytes");
_Static_assert(offsetof(struct nm_ring, head) == 20, "head at 20");
_Static_assert(offsetof(struct nm_ring, tail) == 28, "tail at 28");
_Static_assert(offsetof(struct nm_ring, ts) == 40, "ts at 40");
_Static_assert(offsetof(struct nm_ring, offset_mask) == 56, "offset_mask at 56");
_Static_assert(offsetof(struct nm_ring, sem) == 128, "sem at 128");
_Static_assert(offsetof(struct nm_ring, slot) == 256, "slots at 256");
_Static_assert(offsetof(struct nm_if, ni_host_rx_rings) == 40, "ni_host_rx_rings at 40");
_Static_assert(offsetof(struct nm_if, ring_ofs) == 56, "ring_ofs at 56");

static struct nm_ring *rx, *tx;
static uint32_t buffer_count;

/* The ring's buffer idx: ring + buf_ofs + idx * nr_buf_size. */
static inline uint8_t *buffer(struct nm_ring *ring, uint32_t idx)
{
	return (uint8_t *)ring + ring->buf_ofs + (size_t)idx * ring->nr_buf_size;
}

static inline uint32_t next(uint32_t i) { return i + 1 == SLOTS ? 0 : i + 1; }
static inline uint32_t distance(uint32_t from, uint32_t to) { return to >= from ? to - from : to + SLOTS - from; }

/* Loads and stores of the other side's index are acquire/release, as in the Java flyweight. */
static inline uint32_t load_acquire(uint32_t *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
static inline void store_release(uint32_t *p, uint32_t v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }

static void *build_region(void)
{
	size_t ring_bytes = (sizeof(struct nm_ring) + SLOTS * sizeof(struct nm_slot) + 255) & ~(size_t)255;
	size_t if_bytes = 256;
	size_t pool_ofs = (if_bytes + 2 * ring_bytes + 4095) & ~(size_t)4095;
	buffer_count = RESERVED_BUFFERS + 2 * SLOTS;
	size_t size = pool_ofs + (size_t)buffer_count * BUF_SIZE;
	uint8_t *base = aligned_alloc(4096, size);
	if (base == NULL) {
		fprintf(stderr, "macswap: cannot allocate %zu bytes for the region\n", size);
		exit(1);
	}
	memset(base, 0, size);
	struct nm_if *nifp = (struct nm_if *)base;
	strcpy(nifp->ni_name, "ring");
	nifp->ni_version = 14;
	nifp->ni_tx_rings = 1;
	nifp->ni_rx_rings = 1;
	nifp->ring_ofs[0] = if_bytes;
	nifp->ring_ofs[1] = if_bytes + ring_bytes;
	tx = (struct nm_ring *)(base + nifp->ring_ofs[0]);
	rx = (struct nm_ring *)(base + nifp->ring_ofs[1]);
	uint32_t next_buffer = RESERVED_BUFFERS;
	struct nm_ring *rings[2] = { tx, rx };
	for (int r = 0; r < 2; r++) {
		struct nm_ring *ring = rings[r];
		ring->buf_ofs = (int64_t)(base + pool_ofs - (uint8_t *)ring);
		ring->num_slots = SLOTS;
		ring->nr_buf_size = BUF_SIZE;
		ring->dir = r;
		ring->tail = r == 0 ? SLOTS - 1 : 0;
		for (uint32_t s = 0; s < SLOTS; s++)
			ring->slot[s].buf_idx = next_buffer++;
	}
	for (uint32_t b = RESERVED_BUFFERS; b < buffer_count; b++) {
		static const uint8_t macs[12] = { 2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1 };
		memcpy(buffer(tx, b), macs, sizeof(macs));
	}
	return base;
}

/* Kernel side of RX: up to count frames for the application, one slot left empty. */
static uint32_t produce(uint32_t count)
{
	uint32_t tail = rx->tail;
	uint32_t head = load_acquire(&rx->head);
	uint32_t limit = head == 0 ? SLOTS - 1 : head - 1;
	uint32_t made = 0;
	while (made < count && tail != limit) {
		rx->slot[tail].len = FRAME_LENGTH;
		tail = next(tail);
		made++;
	}
	store_release(&rx->tail, tail);
	return made;
}

static inline void swap_macs(uint8_t *frame)
{
	uint32_t dst_high;
	uint16_t dst_low;
	memcpy(&dst_high, frame, 4);
	memcpy(&dst_low, frame + 4, 2);
	memmove(frame, frame + 6, 6);
	memcpy(frame + 6, &dst_high, 4);
	memcpy(frame + 10, &dst_low, 2);
}

/* The application: up to max frames RX -> TX. */
static uint32_t swap_batch(uint32_t max)
{
	uint32_t rx_head = rx->head, tx_head = tx->head;
	uint32_t n = distance(rx_head, load_acquire(&rx->tail));
	uint32_t room = distance(tx_head, load_acquire(&tx->tail));
	if (room < n)
		n = room;
	if (max < n)
		n = max;
	uint32_t rs = rx_head, ts = tx_head;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t buf = rx->slot[rs].buf_idx;
		if (buf >= RESERVED_BUFFERS && buf < buffer_count) {
			swap_macs(buffer(rx, buf));
			uint32_t free_buf = tx->slot[ts].buf_idx;
			tx->slot[ts].buf_idx = buf;
			tx->slot[ts].len = rx->slot[rs].len;
			tx->slot[ts].flags = NS_BUF_CHANGED;
			rx->slot[rs].buf_idx = free_buf;
			rx->slot[rs].flags = NS_BUF_CHANGED;
			ts = next(ts);
		}
		rs = next(rs);
	}
	store_release(&rx->head, rs);
	store_release(&rx->cur, rs);
	store_release(&tx->head, ts);
	store_release(&tx->cur, ts);
	return distance(tx_head, ts);
}

/* Kernel side of TX: every sent slot is free again. */
static void consume(void)
{
	uint32_t head = load_acquire(&tx->head);
	store_release(&tx->tail, head == 0 ? SLOTS - 1 : head - 1);
}

static uint64_t forward_op(uint32_t batch)
{
	uint64_t forwarded = 0;
	produce(PACKETS_PER_OP);
	for (uint32_t done = 0; done < PACKETS_PER_OP; done += batch)
		forwarded += swap_batch(batch);
	consume();
	return forwarded;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec * 1e-9;
}

/* CPU time of this thread: on a shared machine the wall-clock rate moves with the CPU share the
 * loop gets, CPU time per packet much less (the same measure as the Java side's CpuProbe). */
static double cpu_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
	double seconds = argc > 1 ? atof(argv[1]) : 2.0;
	if (!(seconds > 0) || seconds > 600) {
		fprintf(stderr, "macswap: seconds '%s' must be in (0, 600]\n", argc > 1 ? argv[1] : "");
		return 2;
	}
	void *region = build_region();
	static const uint32_t batches[] = { 1, 8, 32, 256 };
	for (size_t b = 0; b < sizeof(batches) / sizeof(batches[0]); b++) {
		uint32_t batch = batches[b];
		double warm_end = now() + seconds / 4;
		while (now() < warm_end)
			for (int i = 0; i < 1000; i++)
				forward_op(batch);
		uint64_t packets = 0;
		double start = now(), end = start + seconds, t, cpu_start = cpu_now();
		do {
			for (int i = 0; i < 1000; i++)
				packets += forward_op(batch);
			t = now();
		} while (t < end);
		if (packets % PACKETS_PER_OP != 0) {
			fprintf(stderr, "macswap: batch %u lost packets (%llu)\n", batch, (unsigned long long)packets);
			return 1;
		}
		printf("%u %.3f %.2f\n", batch, packets / (t - start) / 1e6, (cpu_now() - cpu_start) * 1e9 / packets);
		fflush(stdout);
	}
	free(region);
	return 0;
}
