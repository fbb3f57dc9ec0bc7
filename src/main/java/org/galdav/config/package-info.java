/**
 * Settings: {@code conf/application.conf} (bundled defaults), the operator's file, {@code GALDAV_*} environment
 * variables and system properties, merged by {@link org.galdav.config.SettingsLoader} into one validated
 * {@link org.galdav.config.Settings}, grouped by section; LDAP filters are parsed here, once. A broken setting
 * stops the start with one {@link org.galdav.config.ConfigError} naming the source, the key and the problem.
 *
 * <p>May use: {@code core}, the settings types of the layers it configures ({@code http}, {@code cache},
 * {@code directory}), Typesafe Config, UnboundID's data types for parsing filters and DNs.
 *
 * <p>Threads: settings are immutable records; loading happens once, at start.
 */
package org.galdav.config;
