package org.xmppsfs.upload;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** Either a value or a {@link Refusal}: how the service API answers, so refusals are never exceptions. */
public sealed interface Outcome<T> {

    record Ok<T>(T value) implements Outcome<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public <R> R fold(Function<? super T, ? extends R> onOk, Function<? super Refusal, ? extends R> onRefused) {
            return onOk.apply(value);
        }
    }

    record Refused<T>(Refusal refusal) implements Outcome<T> {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }

        @Override
        public <R> R fold(Function<? super T, ? extends R> onOk, Function<? super Refusal, ? extends R> onRefused) {
            return onRefused.apply(refusal);
        }
    }

    static <T> Outcome<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Outcome<T> refused(Refusal refusal) {
        return new Refused<>(refusal);
    }

    /** The value mapped by {@code onOk}, or the refusal mapped by {@code onRefused}: exactly one of them runs. */
    <R> R fold(Function<? super T, ? extends R> onOk, Function<? super Refusal, ? extends R> onRefused);

    /** The value transformed, or the same refusal. */
    default <R> Outcome<R> map(Function<? super T, ? extends R> f) {
        return fold(v -> ok(f.apply(v)), Outcome::refused);
    }

    /** The next step's outcome when this one succeeded, or the same refusal. */
    default <R> Outcome<R> flatMap(Function<? super T, Outcome<R>> f) {
        return fold(f, Outcome::refused);
    }

    /** The refusal, if this is one. */
    default Optional<Refusal> whyRefused() {
        return fold(v -> Optional.empty(), Optional::of);
    }
}
