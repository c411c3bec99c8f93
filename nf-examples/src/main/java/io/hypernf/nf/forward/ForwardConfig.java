package io.hypernf.nf.forward;

import io.hypernf.sdk.nf.NfSettings;

/**
 * Settings of the forward NF, with defaults:
 * <ul>
 *   <li>{@code mode}: {@code forward} (frames leave unchanged, the default) or {@code mac-swap}
 *       (Ethernet destination and source swapped, so replies find their way back);</li>
 *   <li>{@code reflect}: send each frame back out of the port it came in on instead of the other
 *       one (false).</li>
 * </ul>
 */
public record ForwardConfig(boolean macSwap, boolean reflect) {

    public static ForwardConfig from(NfSettings settings) {
        String mode = settings.choice("mode", "forward", "forward", "mac-swap");
        boolean reflect = settings.bool("reflect", false);
        return new ForwardConfig(mode.equals("mac-swap"), reflect);
    }
}
