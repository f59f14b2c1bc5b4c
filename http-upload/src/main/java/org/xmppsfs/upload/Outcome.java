package org.xmppsfs.upload;

import java.util.Objects;
import java.util.function.Function;

/** Either a value or a {@link Refusal}: how the service API answers, so refusals are never exceptions. */
public sealed interface Outcome<T> {

    record Ok<T>(T value) implements Outcome<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    record Refused<T>(Refusal refusal) implements Outcome<T> {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }
    }

    static <T> Outcome<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Outcome<T> refused(Refusal refusal) {
        return new Refused<>(refusal);
    }

    default <R> Outcome<R> map(Function<? super T, ? extends R> f) {
        if (this instanceof Ok<T> ok) {
            return new Ok<>(f.apply(ok.value()));
        }
        return new Refused<>(((Refused<T>) this).refusal());
    }
}
