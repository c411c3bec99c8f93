/**
 * Layer 6: the {@code hypernf} command (picocli): {@code run}, {@code list}, {@code demo}, live
 * statistics and exit codes a script can rely on. The only place that asks Guice for instances.
 */
package io.hypernf.sdk.cli;
