// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu - fault injection: late and lost IOC interrupts, failed
 * allocations, so clients can be tested against them on purpose.
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
	u32 i;

	if (fault->flags || fault->pad || fault->reserved[0] || fault->reserved[1])
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
	if (fault->type == HDAEMU_FAULT_ALLOC)
		bus->alloc_failures[fault->alloc_kind] = fault->alloc_count;
	if (fault->type == HDAEMU_FAULT_CLEAR)
		memset(bus->alloc_failures, 0, sizeof(bus->alloc_failures));
	for (i = 0; i < bus->num_engines && fault->type != HDAEMU_FAULT_ALLOC; i++)
		if (controller || i == fault->target)
			hdaemu_fault_apply(&bus->engines[i], fault, controller);
	mutex_unlock(&bus->lock);
	return 0;
}

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
		seq_printf(m, "engine %u jitter %llu/%llu drop_every %u/%u drop_permille %u/%u\n",
			   i, e->faults.jitter_max_ns, e->bus_faults.jitter_max_ns,
			   e->faults.drop_every, e->bus_faults.drop_every,
			   e->faults.drop_permille, e->bus_faults.drop_permille);
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
