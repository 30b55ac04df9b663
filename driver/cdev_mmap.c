// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu - mmap of /dev/hdaemu: the position page and the DMA buffers.
 *
 * The position page is mapped read-only. A render buffer maps read-write,
 * a capture buffer read-only, both shared. A mapped buffer cannot be freed
 * (FREE_BUFFER answers -EBUSY), so a mapping never outlives its memory; the
 * file outlives its mappings because each holds a reference to it.
 */
#include <linux/mm.h>
#include <linux/vmalloc.h>

#include "cdev.h"

static void hdaemu_buffer_vm_open(struct vm_area_struct *vma)
{
	struct hdaemu_file_engine *fe = vma->vm_private_data;

	atomic_inc(&fe->maps);
}

static void hdaemu_buffer_vm_close(struct vm_area_struct *vma)
{
	struct hdaemu_file_engine *fe = vma->vm_private_data;

	atomic_dec(&fe->maps);
}

static const struct vm_operations_struct hdaemu_buffer_vm_ops = {
	.open = hdaemu_buffer_vm_open,
	.close = hdaemu_buffer_vm_close,
};

static int hdaemu_mmap_position_page(struct hdaemu_file *hf, struct vm_area_struct *vma)
{
	void *page = hf->bus->get_position_page(hf->bus->context);

	if (vma->vm_flags & VM_WRITE)
		return -EPERM;
	if (vma->vm_end - vma->vm_start != PAGE_SIZE)
		return -EINVAL;
	hdaemu_compat_vm_flags_mod(vma, VM_DONTEXPAND | VM_DONTDUMP, VM_MAYWRITE);
	return vm_insert_page(vma, vma->vm_start, virt_to_page(page));
}

static int hdaemu_mmap_buffer(struct hdaemu_file *hf, struct vm_area_struct *vma)
{
	u64 offset = (u64)vma->vm_pgoff << PAGE_SHIFT;
	u64 slot = (offset >> HDAEMU_MMAP_BUFFER_SHIFT) - 1;
	struct hdaemu_file_engine *fe;
	int ret;

	if (slot >= HDAEMU_POSITION_SLOTS || offset != HDAEMU_MMAP_BUFFER(slot))
		return -EINVAL;
	fe = &hf->engines[slot];
	if (!fe->engine || !fe->buffer_kind)
		return -EINVAL;
	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;
	if (vma->vm_end - vma->vm_start > PAGE_ALIGN(fe->buffer_bytes))
		return -EINVAL;
	if (fe->direction == HDAEMU_DIR_CAPTURE) {
		if (vma->vm_flags & VM_WRITE)
			return -EPERM;
		hdaemu_compat_vm_flags_mod(vma, 0, VM_MAYWRITE);
	}
	ret = remap_vmalloc_range(vma, fe->buffer, 0);
	if (ret)
		return ret;
	hdaemu_compat_vm_flags_mod(vma, VM_DONTCOPY | VM_DONTDUMP, 0);
	vma->vm_private_data = fe;
	vma->vm_ops = &hdaemu_buffer_vm_ops;
	atomic_inc(&fe->maps);
	return 0;
}

/**
 * hdaemu_cdev_mmap() - map the position page or an engine's DMA buffer
 * @file: an open /dev/hdaemu
 * @vma: the mapping asked for
 *
 * Context: process context, mmap_lock held for writing.
 * Return: 0, -EINVAL (an offset, size or sharing that maps nothing),
 * -EPERM (write access to something read-only), -ENODEV (after a surprise
 * removal).
 */
int hdaemu_cdev_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct hdaemu_file *hf = file->private_data;
	int ret;

	if (hdaemu_queue_closed(&hf->queue))
		return -ENODEV;
	mutex_lock(&hf->lock);
	if (vma->vm_pgoff == 0)
		ret = hdaemu_mmap_position_page(hf, vma);
	else
		ret = hdaemu_mmap_buffer(hf, vma);
	mutex_unlock(&hf->lock);
	return ret;
}
