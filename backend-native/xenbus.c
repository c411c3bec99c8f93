// SPDX-License-Identifier: GPL-2.0
/*
 * xenbus.c — the xenbus backend driver for device type "hypernf" and its one
 * state machine (xenbus states: include/xen/interface/io/xenbus.h).
 *
 *   Initialising --probe: create port--> InitWait --front Connected--> Connected
 *        |                                  |                              |
 *        +------------------+---------------+------------------------------+
 *                           v  (front Closing/Closed, port error, remove)
 *                        Closing --> Closed --front Initialising--> InitWait
 *
 * Every transition goes through hnfb_set_state(), which walks the ladder one
 * step at a time; entering InitWait creates the port, entering Closing
 * destroys it (interface.c). The frontend waits for InitWait before it reads
 * the grant refs, so it never sees a half-published port.
 */
#include <linux/module.h>
#include <linux/slab.h>

#include "common.h"

static enum xenbus_state hnfb_next_step(enum xenbus_state cur,
					enum xenbus_state target)
{
	switch (target) {
	case XenbusStateInitWait:
	case XenbusStateConnected:
		if (cur == XenbusStateInitialising || cur == XenbusStateClosed)
			return XenbusStateInitWait;
		if (cur == XenbusStateInitWait && target == XenbusStateConnected)
			return XenbusStateConnected;
		return cur;
	case XenbusStateClosing:
		if (cur == XenbusStateClosed)
			return cur;
		return XenbusStateClosing;
	case XenbusStateClosed:
		if (cur == XenbusStateClosing)
			return XenbusStateClosed;
		if (cur == XenbusStateClosed)
			return cur;
		return XenbusStateClosing;
	default:
		return cur;
	}
}

/* Called with be->lock held. */
static void hnfb_set_state(struct hnfb_backend *be, enum xenbus_state target)
{
	enum xenbus_state next;

	while ((next = hnfb_next_step(be->state, target)) != be->state) {
		switch (next) {
		case XenbusStateInitWait:
			if (hnfb_port_create(be)) {
				/* xenbus_dev_fatal() already published the reason. */
				target = XenbusStateClosing;
				next = XenbusStateClosing;
			}
			break;
		case XenbusStateConnected:
			dev_info(&be->dev->dev, "d%u connected\n", be->dev->otherend_id);
			break;
		case XenbusStateClosing:
			hnfb_port_destroy(be);
			break;
		default:
			break;
		}
		be->state = next;
		xenbus_switch_state(be->dev, next);
	}
}

static void hnfb_frontend_changed(struct xenbus_device *dev,
				  enum xenbus_state frontend_state)
{
	struct hnfb_backend *be = dev_get_drvdata(&dev->dev);

	mutex_lock(&be->lock);
	be->frontend_state = frontend_state;
	switch (frontend_state) {
	case XenbusStateInitialising:
		/* A frontend that reconnects (module reloaded in the guest). */
		if (be->state == XenbusStateClosed)
			hnfb_set_state(be, XenbusStateInitWait);
		break;
	case XenbusStateConnected:
		hnfb_set_state(be, XenbusStateConnected);
		break;
	case XenbusStateClosing:
		hnfb_set_state(be, XenbusStateClosing);
		break;
	case XenbusStateClosed:
		hnfb_set_state(be, XenbusStateClosed);
		if (xenbus_dev_is_online(dev))
			break;
		fallthrough;
	case XenbusStateUnknown:
		hnfb_set_state(be, XenbusStateClosed);
		mutex_unlock(&be->lock);
		device_unregister(&dev->dev);
		return;
	default:
		break;
	}
	mutex_unlock(&be->lock);
}

static int hnfb_probe(struct xenbus_device *dev, const struct xenbus_device_id *id)
{
	struct hnfb_backend *be;

	be = kzalloc(sizeof(*be), GFP_KERNEL);
	if (!be) {
		xenbus_dev_fatal(dev, -ENOMEM, "allocating backend state");
		return -ENOMEM;
	}
	be->dev = dev;
	mutex_init(&be->lock);
	be->state = XenbusStateInitialising;
	dev_set_drvdata(&dev->dev, be);

	mutex_lock(&be->lock);
	hnfb_set_state(be, XenbusStateInitWait);
	mutex_unlock(&be->lock);
	return 0;
}

static void hnfb_remove(struct xenbus_device *dev)
{
	struct hnfb_backend *be = dev_get_drvdata(&dev->dev);

	mutex_lock(&be->lock);
	hnfb_set_state(be, XenbusStateClosed);
	mutex_unlock(&be->lock);
	dev_set_drvdata(&dev->dev, NULL);
	kfree(be);
}

static const struct xenbus_device_id hnfb_ids[] = {
	{ "hypernf" },
	{ "" }
};

static struct xenbus_driver hnfb_driver = {
	.name = "hnf_back",
	.ids = hnfb_ids,
	.probe = hnfb_probe,
	.remove = hnfb_remove,
	.otherend_changed = hnfb_frontend_changed,
	.allow_rebind = true,
};

int hnfb_xenbus_init(void)
{
	return xenbus_register_backend(&hnfb_driver);
}

void hnfb_xenbus_exit(void)
{
	xenbus_unregister_driver(&hnfb_driver);
}
