package org.xmppsfs.model;

/** Width and height in pixels. */
public record Dimensions(int width, int height) {
    public Dimensions {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("negative dimensions " + width + "x" + height);
        }
    }
}
