package org.galdav.dav;

/**
 * A resource as PROPFIND and REPORT see it: its href (absolute path, collections end in '/') and its
 * live properties.
 */
public record DavResource(String href, PropertySet properties) {
}
