package org.galdav.core;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.galdav.core.query.CardQuery;

/**
 * An address book that hands every call to another one; decorators (caches, change tracking, sync)
 * extend it and override only what they change, so the delegation is written once.
 */
public abstract class ForwardingAddressBook implements AddressBook {
    private final AddressBook delegate;

    protected ForwardingAddressBook(AddressBook delegate) {
        this.delegate = delegate;
    }

    /** The book this one hands calls to. */
    protected final AddressBook delegate() {
        return delegate;
    }

    @Override
    public BookInfo info() {
        return delegate.info();
    }

    @Override
    public String ctag() {
        return delegate.ctag();
    }

    @Override
    public void scan(CardSink<Card> sink) throws IOException {
        delegate.scan(sink);
    }

    @Override
    public void list(CardSink<CardSummary> sink) throws IOException {
        delegate.list(sink);
    }

    @Override
    public Map<String, Card> find(Collection<String> names) {
        return delegate.find(names);
    }

    @Override
    public QueryOutcome query(CardQuery query, CardSink<Card> sink) throws IOException {
        return delegate.query(query, sink);
    }

    @Override
    public Optional<Syncable> sync() {
        return delegate.sync();
    }
}
