package org.galdav.jmh;

import com.unboundid.ldap.sdk.Entry;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.galdav.mapping.EntryMapper;
import org.galdav.mapping.MappedCard;
import org.galdav.mapping.MemberResolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Mapping one LDAP entry of the demo company to a card (org.galdav.mapping.EntryMapper), photos included. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EntryMapperBenchmark {
    private Entry[] people;
    private EntryMapper mapper;
    private int next;

    @Setup
    public void setUp() {
        people = DemoCards.people();
        mapper = DemoCards.mapper();
    }

    @Benchmark
    public Optional<MappedCard> mapEntry() {
        return mapper.map(people[next++ & (DemoCards.SIZE - 1)], MemberResolver.NONE);
    }
}
