/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hdaemu - one place for the kernel API differences between the kernels we
 * build on, so the rest of the code is written against one API. Each shim
 * names the version that changed the API.
 */
#ifndef _HDAEMU_COMPAT_H
#define _HDAEMU_COMPAT_H

#include <linux/eventfd.h>
#include <linux/hrtimer.h>
#include <linux/mm.h>
#include <linux/version.h>

/* v6.13 added hrtimer_setup() and began removing hrtimer_init(). */
static inline void hdaemu_compat_hrtimer_setup(struct hrtimer *timer,
					       enum hrtimer_restart (*fn)(struct hrtimer *),
					       clockid_t clock, enum hrtimer_mode mode)
{
#if KERNEL_VERSION(6, 13, 0) <= LINUX_VERSION_CODE
	hrtimer_setup(timer, fn, clock, mode);
#else
	hrtimer_init(timer, clock, mode);
	timer->function = fn;
#endif
}

/* v6.8 dropped eventfd_signal()'s count: it always adds one since. */
static inline void hdaemu_compat_eventfd_add(struct eventfd_ctx *ctx, u32 n)
{
#if KERNEL_VERSION(6, 8, 0) <= LINUX_VERSION_CODE
	while (n--)
		eventfd_signal(ctx);
#else
	eventfd_signal(ctx, n);
#endif
}

/* v6.3 made vma->vm_flags read-only behind vm_flags_set()/_clear(). */
static inline void hdaemu_compat_vm_flags_mod(struct vm_area_struct *vma,
					      unsigned long set, unsigned long clear)
{
#if KERNEL_VERSION(6, 3, 0) <= LINUX_VERSION_CODE
	vm_flags_mod(vma, set, clear);
#else
	vma->vm_flags = (vma->vm_flags | set) & ~clear;
#endif
}

/*
 * v6.12 removed no_llseek (NULL since v6.0, when a NULL ->llseek began to
 * clear FMODE_LSEEK): leave .llseek unset and call nonseekable_open(); lseek
 * then fails with -ESPIPE on every kernel we build on. No shim needed.
 */

/*
 * v6.11 made platform_driver.remove return void; before, it returned an int
 * the driver core ignored. Write the callback as void fn(struct
 * platform_device *), put HDAEMU_COMPAT_PLATFORM_REMOVE(fn) after it and set
 * .remove = fn##_compat.
 */
#if KERNEL_VERSION(6, 11, 0) <= LINUX_VERSION_CODE
#define HDAEMU_COMPAT_PLATFORM_REMOVE(fn)					\
	static void fn##_compat(struct platform_device *pdev) { fn(pdev); }
#else
#define HDAEMU_COMPAT_PLATFORM_REMOVE(fn)					\
	static int fn##_compat(struct platform_device *pdev) { fn(pdev); return 0; }
#endif

#endif /* _HDAEMU_COMPAT_H */
