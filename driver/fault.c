// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu - fault injection: late and lost IOC interrupts, DMA stalls, a
 * drifting stream clock, a coarse position, failed allocations, so
 * clients can be tested against them on purpose.
 *
 * The random choices come from a small xorshift generator per engine,
 * seeded from the caller's seed and the engine's index: the same seed and
 * the same run give the same faults. An engine carries two sets of IOC
 * faults, its own and its copy of the controller's; the timer applies both.
 * They are read and changed under the engine's lock; allocation failures
 * are counted under bus->lock, where allocations happen.
 */
#include <linux/capability.h>
#include <linux/debugfs.h>
#include <linux/errno.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>

#include "hdaemu.h"

#define HDAEMU_FAULT_MAX_JITTER_NS	NSEC_PER_SEC
#define HDAEMU_FAULT_MAX_STALL_NS	(10 * NSEC_PER_SEC)
#define HDAEMU_FAULT_MAX_DRIFT_PPM	100000
#define HDAEMU_FAULT_MAX_STEP_US	USEC_PER_SEC

static u64 hdaemu_fault_seed(u64 seed, u32 index)
{
	u64 state = (seed + index + 1) * 0x9e3779b97f4a7c15ull;

	return state ?: 1;
}

/* xorshift64*: small, fast and good enough to scatter faults. */
static u64 hdaemu_fault_random(struct hdaemu_ioc_faults *f)
{
	f->prng ^= f->prng >> 12;
	f->prng ^= f->prng << 25;
	f->prng ^= f->prng >> 27;
	return f->prng * 0x2545f4914f6cdd1dull;
}

static u64 hdaemu_fault_jitter_of(struct hdaemu_ioc_faults *f)
{
	if (!f->jitter_max_ns)
		return 0;
	return div64_u64(hdaemu_fault_random(f), div64_u64(U64_MAX, f->jitter_max_ns + 1) + 1);
}

static bool hdaemu_fault_drop_of(struct hdaemu_ioc_faults *f)
{
	f->interrupts++;
	if (f->drop_every)
		return !(f->interrupts % f->drop_every);
	if (f->drop_permille)
		return hdaemu_fault_random(f) % 1000 < f->drop_permille;
	return false;
}

/**
 * hdaemu_fault_jitter() - how late the engine's next IOC interrupt comes
 * @engine: a running engine; its lock held
 *
 * Context: any, engine->lock held.
 * Return: the delay to add to the next interrupt's due time, 0 without jitter.
 */
ktime_t hdaemu_fault_jitter(struct hdaemu_engine *engine)
{
	return ns_to_ktime(max(hdaemu_fault_jitter_of(&engine->faults),
			       hdaemu_fault_jitter_of(&engine->bus_faults)));
}

/**
 * hdaemu_fault_drop() - whether the engine's IOC interrupt now is lost
 * @engine: a running engine; its lock held
 *
 * Context: any, engine->lock held.
 * Return: true to raise the interrupt's IOCs without signalling them.
 */
bool hdaemu_fault_drop(struct hdaemu_engine *engine)
{
	bool own = hdaemu_fault_drop_of(&engine->faults);

	return hdaemu_fault_drop_of(&engine->bus_faults) || own;
}

/**
 * hdaemu_fault_alloc() - whether an allocation of a kind must fail now
 * @bus: the controller
 * @kind: HDAEMU_ALLOC_*
 *
 * Context: process context, bus->lock held.
 * Return: -ENOMEM when an injected failure is due (and consumes it), else 0.
 */
int hdaemu_fault_alloc(struct hdaemu_bus *bus, u32 kind)
{
	lockdep_assert_held(&bus->lock);
	if (kind >= ARRAY_SIZE(bus->alloc_failures) || !bus->alloc_failures[kind])
		return 0;
	bus->alloc_failures[kind]--;
	return -ENOMEM;
}

/* Apply an IOC fault to one engine: its own, or its controller copy. */
static void hdaemu_fault_apply(struct hdaemu_engine *engine, const struct hdaemu_fault *fault,
			       bool controller)
{
	struct hdaemu_ioc_faults *f = controller ? &engine->bus_faults : &engine->faults;

	spin_lock_irq(&engine->lock);
	if (fault->type == HDAEMU_FAULT_CLEAR) {
		memset(&engine->faults, 0, sizeof(engine->faults));
		memset(&engine->bus_faults, 0, sizeof(engine->bus_faults));
	} else if (fault->type == HDAEMU_FAULT_JITTER) {
		f->jitter_max_ns = fault->jitter_max_ns;
	} else {
		f->drop_every = fault->drop_every;
		f->drop_permille = fault->drop_permille;
		f->interrupts = 0;
	}
	if (fault->type != HDAEMU_FAULT_CLEAR)
		f->prng = hdaemu_fault_seed(fault->seed, engine->index);
	spin_unlock_irq(&engine->lock);
}

/* The clock faults in effect on an engine: its own over the controller's. */
static void hdaemu_fault_clock(struct hdaemu_engine *engine)
{
	struct hdaemu_bus *bus = engine->bus;
	ktime_t now = ktime_get();

	lockdep_assert_held(&bus->lock);
	spin_lock_irq(&engine->lock);
	if (engine->own_position_mode != HDAEMU_POSITION_SMOOTH) {
		engine->position_mode = engine->own_position_mode;
		engine->position_step_us = engine->own_position_step_us;
	} else {
		engine->position_mode = bus->position_mode;
		engine->position_step_us = bus->position_step_us;
	}
	if (engine->drift_ppm != engine->own_drift_ppm + bus->drift_ppm)
		hdaemu_stream_reanchor(engine, now, now, engine->own_drift_ppm + bus->drift_ppm);
	else
		hdaemu_stream_publish(engine);
	spin_unlock_irq(&engine->lock);
}

/* Stop a running engine's DMA for a while; -EBADFD if it is not running. */
static int hdaemu_fault_stall(struct hdaemu_engine *engine, u64 stall_ns)
{
	struct hdaemu_xrun xrun = { .reason = HDAEMU_XRUN_STALL, .stall_ns = stall_ns };
	hdaemu_bdl_isr_fn isr;
	unsigned long flags;
	void *isr_context;

	lockdep_assert_held(&engine->bus->lock);
	spin_lock_irq(&engine->lock);
	if (engine->state != HDAEMU_STREAM_RUN) {
		spin_unlock_irq(&engine->lock);
		return -EBADFD;
	}
	xrun.when = ktime_get();
	hdaemu_stream_reanchor(engine, xrun.when, ktime_add_ns(xrun.when, stall_ns),
			       engine->drift_ppm);
	xrun.bytes = engine->anchor_bytes;
	xrun.count = ++engine->data.xruns;
	engine->data.stats.stalls++;
	isr = engine->buffer.isr;
	isr_context = engine->buffer.isr_context;
	spin_unlock_irq(&engine->lock);

	/* The FIFO error interrupt, as hardware raises it. */
	if (isr) {
		local_irq_save(flags);
		isr(isr_context, HDAEMU_SD_STS_FIFOE);
		local_irq_restore(flags);
	}
	hdaemu_ioc_report_xrun(engine, &xrun);
	return 0;
}

/* Check the fields of the clock faults; the others' must be 0. */
static int hdaemu_fault_check_clock(const struct hdaemu_fault *fault)
{
	bool stall = fault->type == HDAEMU_FAULT_STALL;
	bool drift = fault->type == HDAEMU_FAULT_DRIFT;
	bool granularity = fault->type == HDAEMU_FAULT_GRANULARITY;

	if ((!stall && fault->stall_ns) || (!drift && fault->drift_ppm) ||
	    (!granularity && (fault->position_mode || fault->step_us)))
		return -EINVAL;
	if (stall && (!fault->stall_ns || fault->stall_ns > HDAEMU_FAULT_MAX_STALL_NS))
		return -EINVAL;
	if (drift && (fault->drift_ppm < -HDAEMU_FAULT_MAX_DRIFT_PPM ||
		      fault->drift_ppm > HDAEMU_FAULT_MAX_DRIFT_PPM))
		return -EINVAL;
	if (granularity) {
		if (fault->position_mode > HDAEMU_POSITION_BURSTS)
			return -EINVAL;
		if (!fault->position_mode != !fault->step_us ||
		    fault->step_us > HDAEMU_FAULT_MAX_STEP_US)
			return -EINVAL;
	}
	return 0;
}

/* Apply a clock fault to its target(s), under bus->lock. */
static int hdaemu_fault_set_clock(struct hdaemu_bus *bus, const struct hdaemu_fault *fault)
{
	bool controller = fault->target == HDAEMU_FAULT_CONTROLLER;
	bool clear = fault->type == HDAEMU_FAULT_CLEAR, drift, granularity;
	u32 i;

	lockdep_assert_held(&bus->lock);
	if (fault->type == HDAEMU_FAULT_STALL) {
		if (!controller)
			return hdaemu_fault_stall(&bus->engines[fault->target], fault->stall_ns);
		for (i = 0; i < bus->num_engines; i++)
			hdaemu_fault_stall(&bus->engines[i], fault->stall_ns);
		return 0;
	}
	/* CLEAR's fields are all 0 (checked): it sets everything back. */
	drift = fault->type == HDAEMU_FAULT_DRIFT || clear;
	granularity = fault->type == HDAEMU_FAULT_GRANULARITY || clear;
	if (controller && drift)
		bus->drift_ppm = fault->drift_ppm;
	if (controller && granularity) {
		bus->position_mode = fault->position_mode;
		bus->position_step_us = fault->step_us;
	}
	for (i = 0; i < bus->num_engines; i++) {
		struct hdaemu_engine *engine = &bus->engines[i];

		if (!controller && i != fault->target)
			continue;
		if ((!controller || clear) && drift)
			engine->own_drift_ppm = fault->drift_ppm;
		if ((!controller || clear) && granularity) {
			engine->own_position_mode = fault->position_mode;
			engine->own_position_step_us = fault->step_us;
		}
		hdaemu_fault_clock(engine);
	}
	return 0;
}

/**
 * hdaemu_fault_set() - inject, change or clear a fault
 * @bus: the controller
 * @fault: the fault, as userspace gives it
 *
 * Context: process context.
 * Return: 0, or -EINVAL for a malformed fault (unknown type, flags,
 * reserved fields, target, kind, or a value out of range).
 */
int hdaemu_fault_set(struct hdaemu_bus *bus, const struct hdaemu_fault *fault)
{
	bool controller = fault->target == HDAEMU_FAULT_CONTROLLER;
	int ret = 0;
	u32 i;

	if (fault->flags || hdaemu_fault_check_clock(fault))
		return -EINVAL;
	switch (fault->type) {
	case HDAEMU_FAULT_CLEAR:
	case HDAEMU_FAULT_REMOVE:
	case HDAEMU_FAULT_RETURN:
		if (!controller)
			return -EINVAL;
		break;
	case HDAEMU_FAULT_JITTER:
		if (fault->jitter_max_ns > HDAEMU_FAULT_MAX_JITTER_NS)
			return -EINVAL;
		break;
	case HDAEMU_FAULT_DROP:
		if (fault->drop_permille > 1000)
			return -EINVAL;
		break;
	case HDAEMU_FAULT_ALLOC:
		if (!controller || fault->alloc_kind < HDAEMU_ALLOC_ENGINE ||
		    fault->alloc_kind > HDAEMU_ALLOC_NOTIFICATION)
			return -EINVAL;
		break;
	case HDAEMU_FAULT_STALL:
	case HDAEMU_FAULT_DRIFT:
	case HDAEMU_FAULT_GRANULARITY:
		break;
	default:
		return -EINVAL;
	}
	if (!controller && fault->target >= bus->num_engines)
		return -EINVAL;
	if (fault->type == HDAEMU_FAULT_REMOVE) {
		hdaemu_bus_remove(bus);
		return 0;
	}
	if (fault->type == HDAEMU_FAULT_RETURN) {
		hdaemu_bus_return(bus);
		return 0;
	}

	mutex_lock(&bus->lock);
	switch (fault->type) {
	case HDAEMU_FAULT_ALLOC:
		bus->alloc_failures[fault->alloc_kind] = fault->alloc_count;
		break;
	case HDAEMU_FAULT_STALL:
	case HDAEMU_FAULT_DRIFT:
	case HDAEMU_FAULT_GRANULARITY:
		ret = hdaemu_fault_set_clock(bus, fault);
		break;
	case HDAEMU_FAULT_CLEAR:
		memset(bus->alloc_failures, 0, sizeof(bus->alloc_failures));
		hdaemu_fault_set_clock(bus, fault);
		fallthrough;
	default:
		for (i = 0; i < bus->num_engines; i++)
			if (controller || i == fault->target)
				hdaemu_fault_apply(&bus->engines[i], fault, controller);
		break;
	}
	mutex_unlock(&bus->lock);
	return ret;
}

static const char *const hdaemu_fault_mode_names[] = {
	[HDAEMU_POSITION_SMOOTH] = "smooth",
	[HDAEMU_POSITION_STEPS] = "steps",
	[HDAEMU_POSITION_BURSTS] = "bursts",
};

static int hdaemu_fault_show(struct seq_file *m, void *unused)
{
	struct hdaemu_bus *bus = m->private;
	u32 i;

	mutex_lock(&bus->lock);
	seq_printf(m, "removed %u\n", bus->removed);
	seq_printf(m, "alloc engine %u buffer %u notification %u\n",
		   bus->alloc_failures[HDAEMU_ALLOC_ENGINE],
		   bus->alloc_failures[HDAEMU_ALLOC_BUFFER],
		   bus->alloc_failures[HDAEMU_ALLOC_NOTIFICATION]);
	for (i = 0; i < bus->num_engines; i++) {
		struct hdaemu_engine *e = &bus->engines[i];

		spin_lock_irq(&e->lock);
		seq_printf(m, "engine %u jitter %llu/%llu drop_every %u/%u drop_permille %u/%u drift %d/%d position %s/%u stalls %llu\n",
			   i, e->faults.jitter_max_ns, e->bus_faults.jitter_max_ns,
			   e->faults.drop_every, e->bus_faults.drop_every,
			   e->faults.drop_permille, e->bus_faults.drop_permille,
			   e->own_drift_ppm, e->drift_ppm - e->own_drift_ppm,
			   hdaemu_fault_mode_names[e->position_mode], e->position_step_us,
			   e->data.stats.stalls);
		spin_unlock_irq(&e->lock);
	}
	mutex_unlock(&bus->lock);
	return 0;
}

static int hdaemu_fault_open(struct inode *inode, struct file *file)
{
	return single_open(file, hdaemu_fault_show, inode->i_private);
}

/*
 * Commands, one per write, for scripts:
 *   clear
 *   jitter all|INDEX MAX_NS [SEED]
 *   drop all|INDEX every N [SEED]
 *   drop all|INDEX permille P [SEED]
 *   alloc engine|buffer|notification COUNT
 *   stall all|INDEX NS
 *   drift all|INDEX PPM
 *   position all|INDEX smooth|steps|bursts [STEP_US]
 *   remove
 *   return
 */
static int hdaemu_fault_parse(char *cmd, struct hdaemu_fault *f)
{
	char what[16], target[16], mode[16];
	unsigned long long value, seed = 0;
	int n;

	memset(f, 0, sizeof(*f));
	f->target = HDAEMU_FAULT_CONTROLLER;
	if (sscanf(cmd, "%15s", what) != 1)
		return -EINVAL;
	if (!strcmp(what, "clear")) {
		f->type = HDAEMU_FAULT_CLEAR;
		return 0;
	}
	if (!strcmp(what, "remove")) {
		f->type = HDAEMU_FAULT_REMOVE;
		return 0;
	}
	if (!strcmp(what, "return")) {
		f->type = HDAEMU_FAULT_RETURN;
		return 0;
	}
	if (!strcmp(what, "alloc")) {
		if (sscanf(cmd, "%*s %15s %llu", target, &value) != 2 || value > U32_MAX)
			return -EINVAL;
		f->type = HDAEMU_FAULT_ALLOC;
		f->alloc_count = value;
		f->alloc_kind = !strcmp(target, "engine") ? HDAEMU_ALLOC_ENGINE :
				!strcmp(target, "buffer") ? HDAEMU_ALLOC_BUFFER :
				!strcmp(target, "notification") ? HDAEMU_ALLOC_NOTIFICATION : 0;
		return 0;
	}
	if (!strcmp(what, "jitter")) {
		n = sscanf(cmd, "%*s %15s %llu %llu", target, &value, &seed);
		if (n < 2)
			return -EINVAL;
		f->type = HDAEMU_FAULT_JITTER;
		f->jitter_max_ns = value;
	} else if (!strcmp(what, "stall")) {
		if (sscanf(cmd, "%*s %15s %llu", target, &value) != 2)
			return -EINVAL;
		f->type = HDAEMU_FAULT_STALL;
		f->stall_ns = value;
	} else if (!strcmp(what, "drift")) {
		long long ppm;

		if (sscanf(cmd, "%*s %15s %lld", target, &ppm) != 2 ||
		    ppm < S32_MIN || ppm > S32_MAX)
			return -EINVAL;
		f->type = HDAEMU_FAULT_DRIFT;
		f->drift_ppm = ppm;
	} else if (!strcmp(what, "position")) {
		value = 0;
		n = sscanf(cmd, "%*s %15s %15s %llu", target, mode, &value);
		if (n < 2 || value > U32_MAX)
			return -EINVAL;
		f->type = HDAEMU_FAULT_GRANULARITY;
		f->step_us = value;
		if (!strcmp(mode, "smooth"))
			f->position_mode = HDAEMU_POSITION_SMOOTH;
		else if (!strcmp(mode, "steps"))
			f->position_mode = HDAEMU_POSITION_STEPS;
		else if (!strcmp(mode, "bursts"))
			f->position_mode = HDAEMU_POSITION_BURSTS;
		else
			return -EINVAL;
	} else if (!strcmp(what, "drop")) {
		n = sscanf(cmd, "%*s %15s %15s %llu %llu", target, mode, &value, &seed);
		if (n < 3 || value > U32_MAX)
			return -EINVAL;
		f->type = HDAEMU_FAULT_DROP;
		if (!strcmp(mode, "every"))
			f->drop_every = value;
		else if (!strcmp(mode, "permille"))
			f->drop_permille = value;
		else
			return -EINVAL;
	} else {
		return -EINVAL;
	}
	f->seed = seed;
	if (strcmp(target, "all")) {
		if (kstrtou32(target, 10, &f->target))
			return -EINVAL;
	}
	return 0;
}

static ssize_t hdaemu_fault_write(struct file *file, const char __user *ubuf, size_t len,
				  loff_t *ppos)
{
	struct hdaemu_bus *bus = file_inode(file)->i_private;
	struct hdaemu_fault fault;
	char cmd[96];
	int ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (len >= sizeof(cmd))
		return -EINVAL;
	if (copy_from_user(cmd, ubuf, len))
		return -EFAULT;
	cmd[len] = 0;
	ret = hdaemu_fault_parse(cmd, &fault);
	if (!ret)
		ret = hdaemu_fault_set(bus, &fault);
	return ret ?: len;
}

static const struct file_operations hdaemu_fault_fops = {
	.owner = THIS_MODULE,
	.open = hdaemu_fault_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = hdaemu_fault_write,
};

/**
 * hdaemu_fault_debugfs_init() - create the debugfs "faults" file
 * @bus: the controller
 * @dir: the module's debugfs directory
 *
 * Context: process context (module init).
 */
void hdaemu_fault_debugfs_init(struct hdaemu_bus *bus, struct dentry *dir)
{
	debugfs_create_file("faults", 0600, dir, bus, &hdaemu_fault_fops);
}
