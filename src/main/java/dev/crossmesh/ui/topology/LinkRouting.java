package dev.crossmesh.ui.topology;

import java.util.List;

import dev.crossmesh.ui.topology.TopologyLayout.Rect;

/**
 * The curves of the links, as cubic Béziers in drawing units. Pure geometry: the view turns them into shapes.
 * <p>
 * A discovery link runs from card to card, on its own side of the line between their centres so that "A reads B" and
 * "B reads A" are two parallel arrows, and bends around the cards in between: a link hidden under a third card would
 * look like two links to it.
 */
public final class LinkRouting {
    /** How far the two directions between one pair of cards sit apart, each on its side of the centre line. */
    static final double SIDE_OFFSET = 8;
    private static final double[] BULGES = {0, 0.18, 0.36, 0.55, 0.8, 1.1};
    private static final int SAMPLES = 24;

    private LinkRouting() {
    }

    public record Point(double x, double y) {
    }

    public record Curve(Point start, Point c1, Point c2, Point end) {
        public Point at(double t) {
            double u = 1 - t;
            double a = u * u * u;
            double b = 3 * u * u * t;
            double c = 3 * u * t * t;
            double d = t * t * t;
            return new Point(a * start.x() + b * c1.x() + c * c2.x() + d * end.x(), a * start.y() + b * c1.y() + c * c2.y() + d * end.y());
        }

        /** The direction of travel at {@code t}, not normalised. */
        public Point tangent(double t) {
            double u = 1 - t;
            double x = 3 * u * u * (c1.x() - start.x()) + 6 * u * t * (c2.x() - c1.x()) + 3 * t * t * (end.x() - c2.x());
            double y = 3 * u * u * (c1.y() - start.y()) + 6 * u * t * (c2.y() - c1.y()) + 3 * t * t * (end.y() - c2.y());
            if (Math.abs(x) < 1e-9 && Math.abs(y) < 1e-9) {
                return new Point(end.x() - start.x(), end.y() - start.y());
            }
            return new Point(x, y);
        }

        /** How many of the sampled points between the ends fall inside any of the rectangles. */
        public int hits(List<Rect> obstacles) {
            int hits = 0;
            for (int i = 1; i < SAMPLES; i++) {
                Point p = at((double) i / SAMPLES);
                for (Rect r : obstacles) {
                    if (r.contains(p.x(), p.y())) {
                        hits++;
                        break;
                    }
                }
            }
            return hits;
        }
    }

    /**
     * The arrow for "reader reads source": from the edge of one card to the edge of the other, offset to its own side,
     * bent as little as it takes to clear {@code obstacles} (the other cards and the rails).
     */
    public static Curve discovery(Rect from, Rect to, List<Rect> obstacles, Rect bounds) {
        List<Rect> grown = obstacles.stream().map(r -> r.grow(4)).toList();
        // first from centre to centre; when that cannot avoid every obstacle (a network's title sits above the card it
        // points at), from and to the middles of the cards' sides as well: the link then comes in beside the title
        Candidate best = route(from, to, from.centerX(), from.centerY(), to.centerX(), to.centerY(), grown, bounds);
        if (best.hits == 0) {
            return best.curve;
        }
        double[][] fromAnchors = anchors(from);
        double[][] toAnchors = anchors(to);
        // from a side, a curve could loop back behind its own card: its ends' cards count as obstacles too
        List<Rect> withEnds = new java.util.ArrayList<>(grown);
        withEnds.add(from.grow(-3));
        withEnds.add(to.grow(-3));
        for (double[] fa : fromAnchors) {
            for (double[] ta : toAnchors) {
                Candidate c = route(from, to, fa[0], fa[1], ta[0], ta[1], withEnds, bounds);
                // a side anchor only when it clears everything: a detour that still hits something reads worse than
                // the direct arrow
                if (c.hits == 0) {
                    return c.curve;
                }
            }
        }
        return best.curve;
    }

    private record Candidate(Curve curve, int hits) {
    }

    /** The middles of a card's four sides, a little inside it (the curve is clipped at the card's edge). */
    private static double[][] anchors(Rect r) {
        return new double[][] {{r.x() + 2, r.centerY()}, {r.maxX() - 2, r.centerY()}, {r.centerX(), r.maxY() - 2}, {r.x() + r.w() * 0.8, r.y() + 2},
                {r.x() + r.w() * 0.2, r.y() + 2}};
    }

    private static Candidate route(Rect from, Rect to, double fx, double fy, double tx, double ty, List<Rect> grown, Rect bounds) {
        double dx = tx - fx;
        double dy = ty - fy;
        double len = Math.max(1e-6, Math.hypot(dx, dy));
        // the normal on the left of the direction of travel: the reverse link gets the other side
        double nx = -dy / len;
        double ny = dx / len;
        Point a = new Point(fx + nx * SIDE_OFFSET, fy + ny * SIDE_OFFSET);
        Point b = new Point(tx + nx * SIDE_OFFSET, ty + ny * SIDE_OFFSET);
        Curve best = null;
        int bestHits = Integer.MAX_VALUE;
        for (double bulge : BULGES) {
            for (int sign : bulge == 0 ? new int[] {1} : new int[] {1, -1}) {
                double off = sign * bulge * len;
                Point c1 = new Point(a.x() + dx / 3 + nx * off, a.y() + dy / 3 + ny * off);
                Point c2 = new Point(a.x() + 2 * dx / 3 + nx * off, a.y() + 2 * dy / 3 + ny * off);
                Curve full = new Curve(a, c1, c2, b);
                Curve clipped = clip(full, from, to);
                if (bulge > 0 && !inside(clipped, bounds)) {
                    continue;
                }
                int hits = clipped.hits(grown);
                if (hits < bestHits) {
                    best = clipped;
                    bestHits = hits;
                }
                if (hits == 0) {
                    return new Candidate(clipped, 0);
                }
            }
        }
        return new Candidate(best, bestHits);
    }

    /** Whether the curve stays within the drawing: a link that leaves it would be cut off, or move the drawing. */
    static boolean inside(Curve c, Rect bounds) {
        for (int i = 0; i <= SAMPLES; i++) {
            Point p = c.at((double) i / SAMPLES);
            if (!bounds.contains(p.x(), p.y())) {
                return false;
            }
        }
        return true;
    }

    /**
     * A data-plane link from one rail to another: it leaves each rail straight into the channel ({@code dirA},
     * {@code dirB}: +1 down, -1 up) and bends towards the other end.
     */
    public static Curve dataPlane(Point a, int dirA, Point b, int dirB, double depth) {
        if (dirA == dirB) {
            // same bank: an arc that dips into the channel and comes back
            return new Curve(a, new Point(a.x(), a.y() + dirA * depth * 1.33), new Point(b.x(), b.y() + dirB * depth * 1.33), b);
        }
        double half = Math.abs(b.y() - a.y()) / 2;
        return new Curve(a, new Point(a.x(), a.y() + dirA * half), new Point(b.x(), b.y() + dirB * half), b);
    }

    /** The same curve, starting where it leaves {@code from} and ending where it enters {@code to}. */
    static Curve clip(Curve c, Rect from, Rect to) {
        double t0 = 0;
        double t1 = 1;
        int steps = 200;
        for (int i = 0; i <= steps; i++) {
            double t = (double) i / steps;
            Point p = c.at(t);
            if (!from.contains(p.x(), p.y())) {
                t0 = t;
                break;
            }
        }
        for (int i = steps; i >= 0; i--) {
            double t = (double) i / steps;
            Point p = c.at(t);
            if (!to.contains(p.x(), p.y())) {
                t1 = t;
                break;
            }
        }
        if (t1 <= t0) {
            return c;
        }
        return sub(c, t0, t1);
    }

    /** The piece of a cubic between t0 and t1, as a cubic of its own (de Casteljau). */
    static Curve sub(Curve c, double t0, double t1) {
        Curve right = split(c, t0).right();
        double t = (t1 - t0) / (1 - t0);
        return t0 >= 1 ? c : split(right, Math.min(1, t)).left();
    }

    /** The two cubics a cubic is made of, before and after t. */
    private record Halves(Curve left, Curve right) {
    }

    private static Halves split(Curve c, double t) {
        Point p01 = lerp(c.start(), c.c1(), t);
        Point p12 = lerp(c.c1(), c.c2(), t);
        Point p23 = lerp(c.c2(), c.end(), t);
        Point p012 = lerp(p01, p12, t);
        Point p123 = lerp(p12, p23, t);
        Point p = lerp(p012, p123, t);
        return new Halves(new Curve(c.start(), p01, p012, p), new Curve(p, p123, p23, c.end()));
    }

    private static Point lerp(Point a, Point b, double t) {
        return new Point(a.x() + (b.x() - a.x()) * t, a.y() + (b.y() - a.y()) * t);
    }
}
