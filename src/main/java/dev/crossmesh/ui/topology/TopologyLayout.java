package dev.crossmesh.ui.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the topology's boxes, cards and gateway rails go. Pure geometry in drawing units (pixels at scale 1), so it is
 * tested without a screen.
 * <p>
 * Networks sit in one or two rows ("banks") of boxes around a channel that carries the cross-network links: the top
 * bank's gateway rails straddle their boxes' bottom edges, the bottom bank's their top edges, so every data-plane link
 * runs in the channel and none crosses a box. Inside a box the clusters fill a grid of cards. Of the arrangements (one
 * bank or two, 1 to n card columns) the one that fits the available space at the largest scale wins, so resizing the
 * view can re-arrange it, not only shrink it.
 */
public final class TopologyLayout {
    /** Below this scale, compact cards (two lines instead of three) are tried: they keep big meshes readable in small windows. */
    static final double COMPACT_BELOW = 0.9;
    /** Wide gaps between cards: discovery links and their arrow heads run through them. */
    static final double CARD_HGAP = 36;
    static final double CARD_VGAP = 26;
    static final double BOX_PAD = 16;
    static final double HEADER_H = 50;
    /** The rail's width when the view does not measure it (its content decides: cluster names and addresses). */
    static final double RAIL_W = 270;
    static final double RAIL_HEAD = 24;
    static final double RAIL_ROW = 25;
    static final double RAIL_PAD = 6;
    static final double RAIL_GAP = 14;
    static final double BOX_GAP = 40;
    static final double MARGIN = 14;
    static final double LINK_SPACE = 84;
    static final double MAX_SCALE = 1.6;
    /** With four networks or more, one row of boxes makes the links between them cross in a tangle: two rows win unless much smaller. */
    static final double ONE_BANK_PENALTY = 0.85;

    private TopologyLayout() {
    }

    /**
     * What one network holds, which is all the layout needs.
     *
     * @param railWidth the width its gateway rail wants (measured by the view from its text)
     */
    public record NetworkShape(String name, int clusters, int gateways, double railWidth) {
        public NetworkShape(String name, int clusters, int gateways) {
            this(name, clusters, gateways, RAIL_W);
        }
    }

    public record Rect(double x, double y, double w, double h) {
        public double maxX() {
            return x + w;
        }

        public double maxY() {
            return y + h;
        }

        public double centerX() {
            return x + w / 2;
        }

        public double centerY() {
            return y + h / 2;
        }

        public boolean contains(double px, double py) {
            return px >= x && px <= maxX() && py >= y && py <= maxY();
        }

        public boolean intersects(Rect o) {
            return x < o.maxX() && o.x < maxX() && y < o.maxY() && o.y < maxY();
        }

        public boolean containsRect(Rect o) {
            return o.x >= x - 1e-6 && o.y >= y - 1e-6 && o.maxX() <= maxX() + 1e-6 && o.maxY() <= maxY() + 1e-6;
        }

        public Rect grow(double d) {
            return new Rect(x - d, y - d, w + 2 * d, h + 2 * d);
        }

        Rect moved(double dx, double dy) {
            return new Rect(x + dx, y + dy, w, h);
        }
    }

    /** How much a card shows: three lines (name, istiod, state), or two when space is short. */
    public enum Density {
        REGULAR(232, 80),
        COMPACT(196, 48);

        private final double cardWidth;
        private final double cardHeight;

        Density(double cardWidth, double cardHeight) {
            this.cardWidth = cardWidth;
            this.cardHeight = cardHeight;
        }

        public double cardWidth() {
            return cardWidth;
        }

        public double cardHeight() {
            return cardHeight;
        }
    }

    /** Which edge of its box a network's gateway rail straddles: the one facing the channel. */
    public enum RailSide {
        BOTTOM,
        TOP
    }

    /**
     * @param cards    one per cluster, in the network's cluster order
     * @param rail     the gateway rail, or null when the network shows no gateway
     * @param railRows one per gateway, in order
     */
    public record NetworkPlacement(String network, int bank, Rect box, Rect header, List<Rect> cards, Rect rail, RailSide railSide, List<Rect> railRows) {
        public NetworkPlacement {
            cards = List.copyOf(cards);
            railRows = List.copyOf(railRows);
        }
    }

    /**
     * @param width   natural width of the drawing
     * @param height  natural height
     * @param scale   how much to scale it to fit the space it was made for
     * @param channel the band between the banks (below the only bank) where data-plane links run
     */
    public record Result(double width, double height, double scale, int banks, int columns, Density density, List<NetworkPlacement> networks,
            Rect channel) {
        public Result {
            networks = List.copyOf(networks);
        }

        public NetworkPlacement network(String name) {
            return networks.stream().filter(n -> n.network().equals(name)).findFirst().orElseThrow();
        }
    }

    /**
     * How big the cards are drawn: at least the {@link Density}'s size, more when the view measures longer names.
     */
    public record CardSizes(double regularWidth, double regularHeight, double compactWidth, double compactHeight) {
        public static final CardSizes DEFAULT = new CardSizes(Density.REGULAR.cardWidth, Density.REGULAR.cardHeight, Density.COMPACT.cardWidth,
                Density.COMPACT.cardHeight);

        public CardSizes {
            regularWidth = Math.max(regularWidth, Density.REGULAR.cardWidth);
            regularHeight = Math.max(regularHeight, Density.REGULAR.cardHeight);
            compactWidth = Math.max(compactWidth, Density.COMPACT.cardWidth);
            compactHeight = Math.max(compactHeight, Density.COMPACT.cardHeight);
        }

        Card of(Density density) {
            return density == Density.REGULAR ? new Card(density, regularWidth, regularHeight) : new Card(density, compactWidth, compactHeight);
        }
    }

    /** One density's card size. */
    record Card(Density density, double cardWidth, double cardHeight) {
    }

    /** The arrangement that shows the networks at the largest scale in {@code width} x {@code height}. */
    public static Result compute(List<NetworkShape> networks, double width, double height) {
        return compute(networks, width, height, CardSizes.DEFAULT);
    }

    public static Result compute(List<NetworkShape> networks, double width, double height, CardSizes cards) {
        if (networks.isEmpty()) {
            return new Result(2 * MARGIN, 2 * MARGIN, 1, 1, 1, Density.REGULAR, List.of(), new Rect(0, 0, 0, 0));
        }
        Result best = best(networks, width, height, cards.of(Density.REGULAR));
        if (best.scale() < COMPACT_BELOW) {
            Result compact = best(networks, width, height, cards.of(Density.COMPACT));
            // compact cards show less: worth it only for a clearly larger picture
            if (compact.scale() > best.scale() * 1.08) {
                best = compact;
            }
        }
        return best;
    }

    private static Result best(List<NetworkShape> networks, double width, double height, Card density) {
        int most = networks.stream().mapToInt(NetworkShape::clusters).max().orElse(1);
        Result best = null;
        double bestFit = -1;
        double bestRaw = -1;
        for (int banks = 1; banks <= Math.min(2, networks.size()); banks++) {
            for (int columns = 1; columns <= Math.max(1, most); columns++) {
                Result r = arrange(networks, banks, columns, density);
                double raw = Math.min(width / r.width(), height / r.height());
                if (banks == 1 && networks.size() >= 4) {
                    raw *= ONE_BANK_PENALTY;
                }
                double fit = Math.min(raw, MAX_SCALE);
                // prefer the larger scale; among layouts that reach the cap, the one that fills the space best
                if (best == null || fit > bestFit + 1e-3 || Math.abs(fit - bestFit) <= 1e-3 && raw > bestRaw + 1e-3) {
                    best = r;
                    bestFit = fit;
                    bestRaw = raw;
                }
            }
        }
        double scale = Math.min(MAX_SCALE, Math.min(width / best.width(), height / best.height()));
        return new Result(best.width(), best.height(), scale, best.banks(), best.columns(), density.density(), best.networks(), best.channel());
    }

    /** One arrangement at its natural size. */
    static Result arrange(List<NetworkShape> networks, int banks, int columns, Density density) {
        return arrange(networks, banks, columns, CardSizes.DEFAULT.of(density));
    }

    static Result arrange(List<NetworkShape> networks, int banks, int columns, Card density) {
        int inTop = banks == 1 ? networks.size() : (networks.size() + 1) / 2;
        List<NetworkShape> top = networks.subList(0, inTop);
        List<NetworkShape> bottom = networks.subList(inTop, networks.size());

        double topHeight = top.stream().mapToDouble(n -> boxHeight(n, columns, density)).max().orElse(0);
        double topOutside = top.stream().mapToDouble(n -> railHeight(n) / 2).max().orElse(0);
        double bottomHeight = bottom.stream().mapToDouble(n -> boxHeight(n, columns, density)).max().orElse(0);
        double bottomOutside = bottom.stream().mapToDouble(n -> railHeight(n) / 2).max().orElse(0);
        double links;
        if (banks == 1) {
            links = networks.size() < 2 ? 0 : arcDepth(networks.size() - 1) + 14;
        } else {
            // arcs within a bank stay in their half of the channel (see LinkRouting.dataPlane)
            links = Math.max(LINK_SPACE, 2 * Math.max(arcDepth(top.size() - 1), arcDepth(bottom.size() - 1)) + 14);
        }
        double channelHeight = topOutside + links + bottomOutside;
        double topWidth = bankWidth(top, columns, density);
        double bottomWidth = bankWidth(bottom, columns, density);
        double width = Math.max(topWidth, bottomWidth) + 2 * MARGIN;

        List<NetworkPlacement> placed = new ArrayList<>();
        double channelTop = MARGIN + topHeight;
        double x = MARGIN + (width - 2 * MARGIN - topWidth) / 2;
        for (NetworkShape n : top) {
            double h = boxHeight(n, columns, density);
            // bottom-aligned: the rails of the top bank line up along the channel
            placed.add(place(n, 0, x, channelTop - h, columns, density, RailSide.BOTTOM));
            x += boxWidth(n, columns, density) + BOX_GAP;
        }
        double bottomTop = channelTop + channelHeight;
        x = MARGIN + (width - 2 * MARGIN - bottomWidth) / 2;
        for (NetworkShape n : bottom) {
            placed.add(place(n, 1, x, bottomTop, columns, density, RailSide.TOP));
            x += boxWidth(n, columns, density) + BOX_GAP;
        }
        double height = bottomTop + bottomHeight + MARGIN;
        if (banks == 1) {
            height = channelTop + channelHeight + MARGIN / 2;
        }
        return new Result(width, height, 1, banks, columns, density.density(), placed, new Rect(0, channelTop, width, channelHeight));
    }

    /** How far below (above) its rail a link between networks {@code distance} places apart in one bank dips. */
    static double arcDepth(int distance) {
        return distance <= 0 ? 0 : 28 + 30 * (distance - 1);
    }

    private static NetworkPlacement place(NetworkShape n, int bank, double x, double y, int columns, Card density, RailSide side) {
        double cardW = density.cardWidth();
        double cardH = density.cardHeight();
        double w = boxWidth(n, columns, density);
        double h = boxHeight(n, columns, density);
        double rh = railHeight(n);
        int cols = Math.max(1, Math.min(columns, n.clusters()));
        double cardsW = cols * cardW + (cols - 1) * CARD_HGAP;
        double headerY;
        double cardsY;
        Rect rail = null;
        if (side == RailSide.BOTTOM) {
            headerY = y;
            cardsY = y + HEADER_H;
            if (rh > 0) {
                rail = new Rect(x + (w - n.railWidth()) / 2, y + h - rh / 2, n.railWidth(), rh);
            }
        } else {
            double railInside = rh > 0 ? rh / 2 + 4 : 0;
            headerY = y + railInside;
            cardsY = headerY + HEADER_H;
            if (rh > 0) {
                rail = new Rect(x + (w - n.railWidth()) / 2, y - rh / 2, n.railWidth(), rh);
            }
        }
        List<Rect> cards = new ArrayList<>();
        double cardsX = x + (w - cardsW) / 2;
        for (int i = 0; i < n.clusters(); i++) {
            int row = i / cols;
            int col = i % cols;
            int inRow = Math.min(cols, n.clusters() - row * cols);
            // a last row that is not full is centred
            double rowX = cardsX + (cols - inRow) * (cardW + CARD_HGAP) / 2;
            cards.add(new Rect(rowX + col * (cardW + CARD_HGAP), cardsY + row * (cardH + CARD_VGAP), cardW, cardH));
        }
        List<Rect> rows = new ArrayList<>();
        if (rail != null) {
            for (int i = 0; i < n.gateways(); i++) {
                rows.add(new Rect(rail.x() + 1, rail.y() + RAIL_HEAD + i * RAIL_ROW, rail.w() - 2, RAIL_ROW));
            }
        }
        return new NetworkPlacement(n.name(), bank, new Rect(x, y, w, h), new Rect(x, headerY, w, HEADER_H), cards, rail, side, rows);
    }

    static double railHeight(NetworkShape n) {
        return n.gateways() == 0 ? 0 : RAIL_HEAD + n.gateways() * RAIL_ROW + RAIL_PAD;
    }

    static double boxWidth(NetworkShape n, int columns, Card density) {
        double cardW = density.cardWidth();
        int cols = Math.max(1, Math.min(columns, n.clusters()));
        double cards = cols * cardW + (cols - 1) * CARD_HGAP;
        return Math.max(cards, n.gateways() == 0 ? 0 : n.railWidth()) + 2 * BOX_PAD;
    }

    static double boxHeight(NetworkShape n, int columns, Card density) {
        double cardH = density.cardHeight();
        int cols = Math.max(1, Math.min(columns, n.clusters()));
        int rows = (n.clusters() + cols - 1) / cols;
        double cards = rows * cardH + Math.max(0, rows - 1) * CARD_VGAP;
        double rh = railHeight(n);
        // the rail's inner half sits inside the box, below (above) the cards
        return HEADER_H + cards + (rh > 0 ? RAIL_GAP + rh / 2 + 4 : BOX_PAD);
    }

    private static double bankWidth(List<NetworkShape> bank, int columns, Card density) {
        if (bank.isEmpty()) {
            return 0;
        }
        return bank.stream().mapToDouble(n -> boxWidth(n, columns, density)).sum() + (bank.size() - 1) * BOX_GAP;
    }
}
