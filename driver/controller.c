// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu - the controller: its engine pool, clients and wall clock.
 *
 * There is one emulated controller, made at module load with the engine
 * counts of the module parameters. Its engines are laid out as a real
 * controller lays out its stream descriptors: input engines first, then
 * output, then bidirectional. Locking and lifetime rules: see hdaemu.h.
 */
#include <linux/gfp.h>
#include <linux/slab.h>

#include "hdaemu.h"
#include "codec.h"

static struct hdaemu_bus *hdaemu_the_bus;

/**
 * hdaemu_bus_get() - the controller
 *
 * Context: any, between module init and exit.
 * Return: the one emulated controller.
 */
struct hdaemu_bus *hdaemu_bus_get(void)
{
	return hdaemu_the_bus;
}

/**
 * hdaemu_bus_gcap() - the GCAP register
 * @bus: the controller
 *
 * Context: any.
 * Return: OSS, ISS and BSS fields, one SDO line (NSDO 0) and 64OK set.
 */
u16 hdaemu_bus_gcap(const struct hdaemu_bus *bus)
{
	return bus->num_output << 12 | bus->num_input << 8 | bus->num_bidir << 3 | 1;
}

/**
 * hdaemu_wallclock_at() - the WALCLK register at an instant
 * @bus: the controller
 * @when: a CLOCK_MONOTONIC instant not before the controller reset
 *
 * The wall clock counts the 24 MHz link clock from the controller reset in
 * 32 bits, so it wraps about every 179 seconds.
 *
 * Context: any.
 * Return: the register's value at @when.
 */
u32 hdaemu_wallclock_at(const struct hdaemu_bus *bus, ktime_t when)
{
	u64 ns = ktime_to_ns(ktime_sub(when, bus->wallclock_base));

	/* 24 MHz is 3 ticks per 125 ns; the product wraps in 190 years. */
	return (u32)div_u64(ns * 3, 125);
}

static u32 hdaemu_wallclock_read(const struct hdaemu_register *reg)
{
	const struct hdaemu_bus *bus = container_of(reg, struct hdaemu_bus, wallclock_reg);

	return hdaemu_wallclock_at(bus, ktime_get());
}

static void hdaemu_bus_init_engines(struct hdaemu_bus *bus)
{
	u32 i;

	for (i = 0; i < bus->num_engines; i++) {
		struct hdaemu_engine *engine = &bus->engines[i];

		engine->bus = bus;
		engine->index = i;
		if (i < bus->num_input)
			engine->capabilities = BIT(HDAEMU_DIR_CAPTURE);
		else if (i < bus->num_input + bus->num_output)
			engine->capabilities = BIT(HDAEMU_DIR_RENDER);
		else
			engine->capabilities = BIT(HDAEMU_DIR_RENDER) | BIT(HDAEMU_DIR_CAPTURE);
		hdaemu_stream_init(engine);
	}
}

/**
 * hdaemu_bus_create() - make the controller
 * @num_output: render-only engines, 0..15
 * @num_input: capture-only engines, 0..15
 * @num_bidir: bidirectional engines, 0..30
 *
 * Context: process context (module init).
 * Return: 0, -EINVAL for counts GCAP cannot hold (more than 30 in all), or
 * -ENOMEM.
 */
int hdaemu_bus_create(u32 num_output, u32 num_input, u32 num_bidir)
{
	struct hdaemu_bus *bus;

	if (num_output > 15 || num_input > 15 || num_bidir > 30 ||
	    num_output + num_input + num_bidir > HDAEMU_MAX_ENGINES ||
	    num_output + num_input + num_bidir == 0)
		return -EINVAL;

	bus = kzalloc(sizeof(*bus), GFP_KERNEL);
	if (!bus)
		return -ENOMEM;
	bus->num_output = num_output;
	bus->num_input = num_input;
	bus->num_bidir = num_bidir;
	bus->num_engines = num_output + num_input + num_bidir;
	bus->engines = kcalloc(bus->num_engines, sizeof(*bus->engines), GFP_KERNEL);
	if (!bus->engines) {
		kfree(bus);
		return -ENOMEM;
	}
	mutex_init(&bus->lock);
	spin_lock_init(&bus->state_lock);
	INIT_LIST_HEAD(&bus->clients);
	bus->codec_mask = BIT(0);
	bus->wallclock_base = ktime_get();
	bus->wallclock_reg.read = hdaemu_wallclock_read;
	hdaemu_bus_init_engines(bus);
	hdaemu_the_bus = bus;
	return 0;
}

/**
 * hdaemu_bus_destroy() - take the controller down
 *
 * Context: process context (module exit). Every client should be closed
 * by now, as the char device's files hold a module reference and function
 * drivers hold our symbols; a client left open by a buggy function driver
 * is closed here, with a warning.
 */
void hdaemu_bus_destroy(void)
{
	struct hdaemu_bus *bus = hdaemu_the_bus;
	struct hdaemu_client *client, *next;
	u32 i;

	list_for_each_entry_safe(client, next, &bus->clients, node) {
		WARN(1, "hdaemu: a client was left open at unload\n");
		hdaemu_client_destroy(client);
	}
	for (i = 0; i < bus->num_engines; i++)
		hrtimer_cancel(&bus->engines[i].timer);
	hdaemu_data_release(bus);
	hdaemu_codecs_destroy(bus);
	hdaemu_the_bus = NULL;
	mutex_destroy(&bus->lock);
	kfree(bus->engines);
	kfree(bus);
}

/**
 * hdaemu_client_create() - open a client of the bus
 * @bus: the controller
 *
 * Context: process context.
 * Return: the client, or ERR_PTR(-ENOMEM), or ERR_PTR(-ENODEV) while the
 * controller is removed.
 */
struct hdaemu_client *hdaemu_client_create(struct hdaemu_bus *bus)
{
	struct hdaemu_position_header *header;
	struct hdaemu_client *client;

	client = kzalloc(sizeof(*client), GFP_KERNEL);
	if (!client)
		return ERR_PTR(-ENOMEM);
	client->position_page = (void *)get_zeroed_page(GFP_KERNEL);
	if (!client->position_page) {
		kfree(client);
		return ERR_PTR(-ENOMEM);
	}
	client->bus = bus;
	header = client->position_page;
	header->abi_version = HDAEMU_ABI_VERSION;
	header->slot_bytes = sizeof(struct hdaemu_position_slot);
	header->slot_offset = sizeof(*header);
	header->num_slots = HDAEMU_POSITION_SLOTS;
	header->wallclock_base_ns = ktime_to_ns(bus->wallclock_base);

	mutex_lock(&bus->lock);
	if (bus->removed) {
		mutex_unlock(&bus->lock);
		free_page((unsigned long)client->position_page);
		kfree(client);
		return ERR_PTR(-ENODEV);
	}
	client->id = ++bus->next_client_id;
	list_add_tail(&client->node, &bus->clients);
	mutex_unlock(&bus->lock);
	return client;
}

/**
 * hdaemu_bus_remove() - an injected surprise removal of the controller
 * @bus: the controller
 *
 * Every client open now is gone for good: its engines stop and go back to
 * the pool with their buffers and registrations, every routine answers
 * -ENODEV to it from now on, and its waiters are woken (V2 events through
 * their removed hook, the client through its removed hook). New clients
 * are refused until hdaemu_bus_return().
 *
 * Context: process context.
 */
void hdaemu_bus_remove(struct hdaemu_bus *bus)
{
	struct hdaemu_client *client;
	u32 i;

	mutex_lock(&bus->lock);
	if (bus->removed)
		goto out;
	bus->removed = true;
	/*
	 * Before the engines' locks are taken below: see hdaemu_stream_check.
	 * The position page says so too, for readers that make no call.
	 */
	list_for_each_entry(client, &bus->clients, node) {
		struct hdaemu_position_header *header = client->position_page;

		WRITE_ONCE(client->gone, true);
		WRITE_ONCE(header->flags, header->flags | HDAEMU_POSITION_REMOVED);
	}
	for (i = 0; i < bus->num_engines; i++) {
		struct hdaemu_engine *engine = &bus->engines[i];

		if (!engine->owner)
			continue;
		hdaemu_notification_removed(engine);
		hdaemu_engine_release(engine);
	}
	list_for_each_entry(client, &bus->clients, node)
		if (client->events && client->events->removed)
			client->events->removed(client->events_context);
out:
	mutex_unlock(&bus->lock);
}

/**
 * hdaemu_bus_return() - the controller is back after a surprise removal
 * @bus: the controller
 *
 * New clients work again; those open at the removal stay gone.
 *
 * Context: process context.
 */
void hdaemu_bus_return(struct hdaemu_bus *bus)
{
	mutex_lock(&bus->lock);
	bus->removed = false;
	mutex_unlock(&bus->lock);
}

/**
 * hdaemu_client_destroy() - close a client, freeing all it holds
 * @client: the client
 *
 * Whatever state its engines are in, they are stopped, their timers and
 * notifications finished, their buffers and registrations freed and the
 * engines returned to the pool.
 *
 * Context: process context.
 */
void hdaemu_client_destroy(struct hdaemu_client *client)
{
	struct hdaemu_bus *bus = client->bus;
	u32 i;

	/* Its queued verb transfers finish and its event callbacks end. */
	hdaemu_codec_client_close(client);
	mutex_lock(&bus->lock);
	for (i = 0; i < bus->num_engines; i++) {
		struct hdaemu_engine *engine = &bus->engines[i];

		if (engine->owner == client)
			hdaemu_engine_release(engine);
	}
	list_del(&client->node);
	mutex_unlock(&bus->lock);

	free_page((unsigned long)client->position_page);
	kfree(client);
}

/**
 * hdaemu_engine_in_pool() - whether a handle points at an engine of the pool
 * @bus: the controller
 * @handle: a handle from a caller
 *
 * Context: any.
 * Return: true when @handle is one of @bus's engines.
 */
bool hdaemu_engine_in_pool(const struct hdaemu_bus *bus, const struct hdaemu_engine *handle)
{
	uintptr_t first = (uintptr_t)bus->engines, h = (uintptr_t)handle;

	return h >= first && h < first + bus->num_engines * sizeof(*handle) &&
	       (h - first) % sizeof(*handle) == 0;
}

/**
 * hdaemu_engine_lookup() - check a handle against its client
 * @client: the client making the call
 * @handle: the handle it passed
 *
 * A handle is an engine of the pool; it is valid for @client only while
 * @client owns it. Anything else, including another client's engine and a
 * pointer outside the pool, is no engine.
 *
 * Context: any; the caller holds bus->lock or the engine's lock to keep the
 * answer true.
 * Return: the engine, or NULL.
 */
struct hdaemu_engine *hdaemu_engine_lookup(struct hdaemu_client *client,
					   struct hdaemu_engine *handle)
{
	if (!hdaemu_engine_in_pool(client->bus, handle) ||
	    READ_ONCE(handle->owner) != client)
		return NULL;
	return handle;
}
