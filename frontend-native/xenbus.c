// SPDX-License-Identifier: GPL-2.0
/*
 * xenbus.c — the xenbus frontend driver for device type "hypernf" and its
 * one state machine (states: include/xen/interface/io/xenbus.h).
 *
 *   Initialising --backend InitWait: connect--> Connected
 *        |                                          |
 *        +---------------- backend Closing/Closed --+
 *                                 v
 *                              Closing --(no fd holds the port)--> Closed
 *                                 ^                                  |
 *                                 +---- backend InitWait again: reconnect
 *
 * Every transition goes through hnff_set_state(). Entering Connected maps
 * the region and creates /dev/hypernfN; entering Closing removes the device
 * node and unmaps, unless an application still holds the registration: then
 * the port stays in Closing, "dying", until that fd is closed
 * (hnff_port_released), because its mmap still points into the region.
 */
#include <linux/module.h>
#include <linux/slab.h>

#include "common.h"

static void hnff_port_free(struct kref *kref)
{
	kfree(container_of(kref, struct hnff_port, kref));
}

void hnff_port_put(struct hnff_port *port)
{
	kref_put(&port->kref, hnff_port_free);
}

/* Returns false while a registered fd keeps the region. With port->lock. */
static bool hnff_teardown(struct hnff_port *port)
{
	hnff_dev_unregister(port);
	if (port->registered) {
		WRITE_ONCE(port->dying, true);
		wake_up_interruptible_all(&port->wq);
		return false;
	}
	hnff_port_disconnect(port);
	WRITE_ONCE(port->dying, false);
	return true;
}

static enum xenbus_state hnff_next_step(enum xenbus_state cur,
					enum xenbus_state target)
{
	switch (target) {
	case XenbusStateConnected:
		if (cur == XenbusStateInitialising || cur == XenbusStateClosed)
			return XenbusStateConnected;
		return cur;
	case XenbusStateClosing:
	case XenbusStateClosed:
		if (cur == XenbusStateInitialising || cur == XenbusStateConnected)
			return XenbusStateClosing;
		if (cur == XenbusStateClosing && target == XenbusStateClosed)
			return XenbusStateClosed;
		return cur;
	default:
		return cur;
	}
}

/* With port->lock held and port->dev valid. */
static void hnff_set_state(struct hnff_port *port, enum xenbus_state target)
{
	enum xenbus_state next;
	int err;

	while ((next = hnff_next_step(port->state, target)) != port->state) {
		switch (next) {
		case XenbusStateConnected:
			err = hnff_port_connect(port);
			if (!err) {
				err = hnff_dev_register(port);
				if (err) {
					hnff_port_disconnect(port);
					xenbus_dev_fatal(port->dev, err, "creating /dev/%s", port->name);
				}
			}
			if (err) {
				/* xenbus_dev_fatal() published the reason and Closing. */
				port->state = XenbusStateClosing;
				return;
			}
			break;
		case XenbusStateClosing:
			hnff_teardown(port);
			break;
		case XenbusStateClosed:
			if (port->connected)
				return;   /* hnff_port_released() finishes */
			break;
		default:
			break;
		}
		port->state = next;
		xenbus_switch_state(port->dev, next);
	}
}

void hnff_port_released(struct hnff_port *port)
{
	mutex_lock(&port->lock);
	port->registered = false;
	if (port->dying) {
		hnff_teardown(port);
		if (port->dev)
			hnff_set_state(port, XenbusStateClosed);
	}
	mutex_unlock(&port->lock);
}

static void hnff_backend_changed(struct xenbus_device *dev,
				 enum xenbus_state backend_state)
{
	struct hnff_port *port = dev_get_drvdata(&dev->dev);

	mutex_lock(&port->lock);
	switch (backend_state) {
	case XenbusStateInitWait:
	case XenbusStateConnected:
		/* A port is published by the time the backend is in InitWait. */
		if (port->state == XenbusStateInitialising || port->state == XenbusStateClosed)
			hnff_set_state(port, XenbusStateConnected);
		break;
	case XenbusStateClosing:
	case XenbusStateClosed:
	case XenbusStateUnknown:
		/*
		 * While we wait for a port (Initialising) a closed backend is the
		 * previous connection's, seen before it read our Initialising:
		 * it will come back with InitWait.
		 */
		if (port->state != XenbusStateInitialising)
			hnff_set_state(port, XenbusStateClosed);
		break;
	default:
		break;
	}
	mutex_unlock(&port->lock);
}

static int hnff_probe(struct xenbus_device *dev, const struct xenbus_device_id *id)
{
	const char *leaf = strrchr(dev->nodename, '/');
	struct hnff_port *port;

	port = kzalloc(sizeof(*port), GFP_KERNEL);
	if (!port) {
		xenbus_dev_fatal(dev, -ENOMEM, "allocating port state");
		return -ENOMEM;
	}
	if (!leaf || kstrtouint(leaf + 1, 10, &port->id)) {
		xenbus_dev_fatal(dev, -EINVAL, "device id in %s", dev->nodename);
		kfree(port);
		return -EINVAL;
	}
	kref_init(&port->kref);
	mutex_init(&port->lock);
	mutex_init(&port->split_lock);
	init_waitqueue_head(&port->wq);
	snprintf(port->name, sizeof(port->name), "hypernf%u", port->id);
	port->dev = dev;
	port->state = XenbusStateInitialising;
	dev_set_drvdata(&dev->dev, port);
	/*
	 * After a reload the node still says Closed (xenbus wrote it when the
	 * driver went away); Initialising asks the backend for a new port.
	 */
	xenbus_switch_state(dev, XenbusStateInitialising);
	return 0;
}

static void hnff_remove(struct xenbus_device *dev)
{
	struct hnff_port *port = dev_get_drvdata(&dev->dev);

	mutex_lock(&port->lock);
	hnff_teardown(port);
	port->dev = NULL;
	mutex_unlock(&port->lock);
	dev_set_drvdata(&dev->dev, NULL);
	hnff_port_put(port);
}

static const struct xenbus_device_id hnff_ids[] = {
	{ "hypernf" },
	{ "" }
};

static struct xenbus_driver hnff_driver = {
	.name = "hnf_front",
	.ids = hnff_ids,
	.probe = hnff_probe,
	.remove = hnff_remove,
	.otherend_changed = hnff_backend_changed,
	.not_essential = true,
};

int hnff_xenbus_init(void)
{
	return xenbus_register_frontend(&hnff_driver);
}

void hnff_xenbus_exit(void)
{
	xenbus_unregister_driver(&hnff_driver);
}
