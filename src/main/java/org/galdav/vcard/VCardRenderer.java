package org.galdav.vcard;

import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.io.text.VCardWriter;
import ezvcard.parameter.AddressType;
import ezvcard.parameter.EmailType;
import ezvcard.parameter.ImageType;
import ezvcard.parameter.TelephoneType;
import ezvcard.property.Address;
import ezvcard.property.Categories;
import ezvcard.property.Email;
import ezvcard.property.FormattedName;
import ezvcard.property.Kind;
import ezvcard.property.Member;
import ezvcard.property.Nickname;
import ezvcard.property.Note;
import ezvcard.property.Organization;
import ezvcard.property.Photo;
import ezvcard.property.ProductId;
import ezvcard.property.RawProperty;
import ezvcard.property.Revision;
import ezvcard.property.Role;
import ezvcard.property.StructuredName;
import ezvcard.property.Telephone;
import ezvcard.property.Title;
import ezvcard.property.Uid;
import ezvcard.property.Url;
import ezvcard.property.VCardProperty;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.function.Function;
import org.galdav.core.CardFormat;
import org.galdav.core.PropertySelection;
import org.galdav.mapping.MappedCard;
import org.galdav.mapping.MappedProperty;
import org.galdav.mapping.MappedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link MappedCard} as vCard 3.0 or 4.0 with ez-vcard. Group cards use KIND/MEMBER in 4.0
 * and Apple's X-ADDRESSBOOKSERVER-KIND/-MEMBER in 3.0, which is what iOS, macOS and DAVx5 read.
 */
final class VCardRenderer {
    private static final Logger LOG = LoggerFactory.getLogger(VCardRenderer.class);
    /** Fixed PRODID: ez-vcard's default names its own version, which would change every ETag on upgrade. */
    static final String PRODID = "-//galdav//galdav//EN";
    /**
     * Part of every ETag ({@link CardDigest}), which hashes what a card is made of, not its bytes: raise it
     * with every change to what this class writes, or clients keep cards they think are current.
     * GoldenCardsTest records it next to a hash of the golden renderings and fails when only one changed.
     */
    static final String VERSION = "2"; // 2: vCard 3.0 e-mails carry the mapping's work/home types

    private VCardRenderer() {
    }

    public static byte[] render(MappedCard card, CardFormat format, PropertySelection selection) {
        VCardVersion version = format == CardFormat.VCARD_4 ? VCardVersion.V4_0 : VCardVersion.V3_0;
        VCard vcard = new VCard(version);
        if (selection.includes("PRODID")) {
            vcard.addProperty(new ProductId(PRODID));
        }
        vcard.setUid(new Uid(card.uid()));
        if (card.group()) {
            addGroup(vcard, card, version, selection);
        }
        for (MappedProperty property : card.properties()) {
            if (selection.includes(property.name())) {
                toVCard(property, version, card).ifPresent(p -> {
                    if (property.preferred()) {
                        prefer(p, version);
                    }
                    vcard.addProperty(selection.withoutValue(property.name()) ? emptied(property.name()) : p);
                });
            }
        }
        if (version == VCardVersion.V3_0 && vcard.getStructuredName() == null && selection.includes("N")) {
            // N is required in vCard 3.0 (RFC 2426 §5); groups and entries without sn get their FN as family
            // name, which is what Apple's server does for groups.
            StructuredName n = new StructuredName();
            n.setFamily(card.first("FN").orElse(card.uid()));
            vcard.setStructuredName(n);
        }
        return write(vcard, version);
    }

    private static void addGroup(VCard vcard, MappedCard card, VCardVersion version, PropertySelection selection) {
        if (version == VCardVersion.V4_0) {
            if (selection.includes("KIND")) {
                vcard.setKind(Kind.group());
            }
            if (selection.includes("MEMBER")) {
                card.memberUids().forEach(uid -> vcard.addMember(new Member("urn:uuid:" + uid)));
            }
        } else {
            if (selection.includes("X-ADDRESSBOOKSERVER-KIND")) {
                vcard.addProperty(new RawProperty("X-ADDRESSBOOKSERVER-KIND", "group"));
            }
            if (selection.includes("X-ADDRESSBOOKSERVER-MEMBER")) {
                card.memberUids().forEach(uid -> vcard.addProperty(
                        new RawProperty("X-ADDRESSBOOKSERVER-MEMBER", "urn:uuid:" + uid)));
            }
        }
    }

    private static Optional<VCardProperty> toVCard(MappedProperty property, VCardVersion version, MappedCard card) {
        MappedValue value = property.value();
        List<String> types = property.types();
        switch (property.name()) {
            case "FN": return Optional.of(new FormattedName(value.text()));
            case "N": {
                List<List<String>> c = ((MappedValue.Structured) value).components();
                StructuredName n = new StructuredName();
                n.setFamily(String.join(" ", c.get(0)));
                n.setGiven(String.join(" ", c.get(1)));
                n.getAdditionalNames().addAll(c.get(2));
                n.getPrefixes().addAll(c.get(3));
                n.getSuffixes().addAll(c.get(4));
                return Optional.of(n);
            }
            case "ORG": {
                List<List<String>> c = ((MappedValue.Structured) value).components();
                Organization org = new Organization();
                org.getValues().add(String.join(" ", c.get(0)));
                org.getValues().addAll(c.get(1));
                return Optional.of(org);
            }
            case "ADR": {
                List<List<String>> c = ((MappedValue.Structured) value).components();
                Address adr = new Address();
                adr.getPoBoxes().addAll(c.get(0));
                adr.getExtendedAddresses().addAll(c.get(1));
                adr.getStreetAddresses().addAll(c.get(2));
                adr.getLocalities().addAll(c.get(3));
                adr.getRegions().addAll(c.get(4));
                adr.getPostalCodes().addAll(c.get(5));
                adr.getCountries().addAll(c.get(6));
                supported(types, AddressType::get, version).forEach(adr.getTypes()::add);
                return Optional.of(adr);
            }
            case "EMAIL": {
                Email email = new Email(value.text());
                // vCard 3.0 too gets the mapping's work/home: RFC 2426 §3.3.2 lists only internet/x400/pref, but
                // Apple's own cards, Google, SOGo and Nextcloud write TYPE=INTERNET,WORK, and iOS and macOS file
                // an e-mail without them under "other". 4.0 keeps only what RFC 6350 §6.4.2 defines.
                (version == VCardVersion.V3_0 ? types.stream().map(EmailType::get).toList()
                        : supported(types, EmailType::get, version)).forEach(email.getTypes()::add);
                return Optional.of(email);
            }
            case "TEL": {
                Telephone tel = new Telephone(value.text());
                supported(types, TelephoneType::get, version).forEach(tel.getTypes()::add);
                return Optional.of(tel);
            }
            case "PHOTO": {
                byte[] data = ((MappedValue.Binary) value).data();
                Optional<ImageType> type = ImageSniffer.detect(data);
                if (type.isEmpty()) {
                    LOG.warn("card {}: photo is not JPEG, PNG or GIF; left out", card.uid());
                    return Optional.empty();
                }
                return Optional.of(new Photo(data, type.get()));
            }
            case "REV": return Optional.of(new Revision(((MappedValue.Timestamp) value).value()));
            case "BDAY":
                return value instanceof MappedValue.Date date
                        ? Optional.of(new ezvcard.property.Birthday(date.value())) : Optional.empty();
            case "ANNIVERSARY":
                return value instanceof MappedValue.Date date
                        ? Optional.of(new ezvcard.property.Anniversary(date.value())) : Optional.empty();
            case "RELATED": {
                ezvcard.property.Related related = new ezvcard.property.Related(value.text());
                types.forEach(t -> related.getTypes().add(ezvcard.parameter.RelatedType.get(t)));
                return Optional.of(related);
            }
            case "TITLE": return Optional.of(new Title(value.text()));
            case "ROLE": return Optional.of(new Role(value.text()));
            case "NOTE": return Optional.of(new Note(value.text()));
            case "URL": return Optional.of(new Url(value.text()));
            case "NICKNAME": {
                Nickname nickname = new Nickname();
                nickname.getValues().add(value.text());
                return Optional.of(nickname);
            }
            case "CATEGORIES": {
                Categories categories = new Categories();
                categories.getValues().add(value.text());
                return Optional.of(categories);
            }
            default: {
                RawProperty raw = new RawProperty(property.name(), value.text());
                types.forEach(t -> raw.getParameters().addType(t));
                return Optional.of(raw);
            }
        }
    }

    /**
     * TYPE values the version defines for the property (vCard 4.0 has no EMAIL;TYPE=internet, RFC 6350
     * §6.4.2). Unknown values from a mapping are kept as extensions.
     */
    private static <T extends ezvcard.parameter.VCardParameter> List<T> supported(List<String> types,
            Function<String, T> lookup, VCardVersion version) {
        // The answer depends only on the mapping's types (a few distinct lists) and ez-vcard's tables, which
        // it reads by reflection on every call: a tenth of a cold listing's rendering before it was remembered.
        // Parameter objects are immutable and shared by ez-vcard itself.
        @SuppressWarnings("unchecked")
        List<T> known = (List<T>) SUPPORTED.computeIfAbsent(new SupportedKey(types, lookup, version),
                k -> types.stream().map(lookup).filter(t -> t.isSupportedBy(version)).toList());
        return known;
    }

    /** One mapping rule's types for one lookup (TYPE values of EMAIL, TEL or ADR) in one version. */
    private record SupportedKey(List<String> types, Function<?, ?> lookup, VCardVersion version) {
    }

    /** Bounded by the mapping's rules: each distinct types list appears a few times at most. */
    private static final Map<SupportedKey, List<?>> SUPPORTED = new ConcurrentHashMap<>();

    /** vCard 4.0 PREF=1 (RFC 6350 §5.3); vCard 3.0 TYPE=pref (RFC 2426 §3.3.1). */
    private static void prefer(VCardProperty property, VCardVersion version) {
        if (version == VCardVersion.V4_0) {
            property.getParameters().setPref(1);
        } else {
            property.getParameters().addType("pref");
        }
    }

    private static VCardProperty emptied(String name) {
        return new RawProperty(name, "");
    }

    private static byte[] write(VCard vcard, VCardVersion version) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (VCardWriter writer = new VCardWriter(out, version)) {
            writer.setAddProdId(false);
            // N:Family;Given;;; rather than N:Family;Given: every structured component present, as Apple writes them.
            writer.setIncludeTrailingSemicolons(true);
            writer.getVObjectWriter().getFoldedLineWriter().setLineLength(null);
            writer.write(vcard);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return OctetFolder.fold(out.toByteArray());
    }
}
