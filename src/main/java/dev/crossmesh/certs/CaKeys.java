package dev.crossmesh.certs;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The mesh CA's key pairs, made ahead on every core. Making an RSA 4096 key takes about a second of CPU, and a mesh
 * needs one for its root and one per cluster: made one after the other in the step that writes the CA, 50 clusters
 * kept the user waiting most of a minute. So the wizard asks for keys as soon as it knows how many a plan needs, and
 * the command line just before it writes the CA, and {@link MeshCertificateAuthority} takes the next one made.
 * <p>Keys live in memory only, until the CA uses them; unused ones are never written anywhere. Each is made with
 * its own {@link KeyPairGenerator} from the JDK's {@link SecureRandom}, as a key made on the spot would be.
 */
public final class CaKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ExecutorService MAKERS = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
        Thread t = new Thread(r, "crossmesh-ca-keys");
        t.setDaemon(true);
        return t;
    });
    /** Keys asked for and not yet taken, oldest first; guarded by itself. */
    private static final Map<KeyType, Deque<CompletableFuture<KeyPair>>> AHEAD = new EnumMap<>(KeyType.class);

    private CaKeys() {
    }

    /** The keys asked for by one call of {@link #prepare}, to wait for them or show how far they are. */
    public record Preparation(KeyType type, List<CompletableFuture<KeyPair>> keys) {
        public Preparation {
            keys = List.copyOf(keys);
        }

        public int total() {
            return keys.size();
        }

        public int done() {
            return (int) keys.stream().filter(CompletableFuture::isDone).count();
        }

        /**
         * Waits until every key is made, telling {@code progress} (done, total) every {@code every} while it waits;
         * a wait shorter than {@code every} says nothing.
         */
        public void await(Duration every, Progress progress) throws InterruptedException {
            CompletableFuture<Void> all = CompletableFuture.allOf(keys.toArray(CompletableFuture[]::new));
            while (true) {
                try {
                    all.get(Math.max(1, every.toMillis()), TimeUnit.MILLISECONDS);
                    return;
                } catch (TimeoutException stillMaking) {
                    progress.made(done(), total());
                } catch (ExecutionException failed) {
                    return; // take() makes that key again on the spot, and says so if it fails there too
                }
            }
        }
    }

    /** How far the keys are: {@code done} of {@code total} made. */
    @FunctionalInterface
    public interface Progress {
        void made(int done, int total);
    }

    /**
     * Asks for the keys the CA in {@code dir} still lacks for these clusters (its root, if it has none, and one per
     * cluster without an intermediate), of {@code type}. Returns at once; keys asked for earlier and not yet taken
     * count, so calling it again as a plan is edited does not make more than the largest plan needs.
     */
    public static Preparation prepareFor(Path dir, List<String> clusters, KeyType type) {
        int needed = Files.exists(dir.resolve(CertStore.ROOT_CERT), LinkOption.NOFOLLOW_LINKS) ? 0 : 1;
        for (String cluster : clusters) {
            if (!Files.exists(dir.resolve(cluster).resolve(CaFiles.CA_KEY), LinkOption.NOFOLLOW_LINKS)) {
                needed++;
            }
        }
        return prepare(type, needed);
    }

    /** Makes sure {@code count} keys of {@code type} are made or being made; returns at once. */
    public static Preparation prepare(KeyType type, int count) {
        synchronized (AHEAD) {
            Deque<CompletableFuture<KeyPair>> ahead = AHEAD.computeIfAbsent(type, t -> new ArrayDeque<>());
            while (ahead.size() < count) {
                ahead.add(CompletableFuture.supplyAsync(() -> make(type), MAKERS));
            }
            return new Preparation(type, new ArrayList<>(ahead).subList(0, count));
        }
    }

    /** A key of {@code type}: the oldest one made ahead, else one made now. */
    static KeyPair take(KeyType type) throws GeneralSecurityException {
        Future<KeyPair> next;
        synchronized (AHEAD) {
            Deque<CompletableFuture<KeyPair>> ahead = AHEAD.get(type);
            next = ahead == null ? null : ahead.poll();
        }
        if (next != null) {
            try {
                return next.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // made again below, where a failure reaches the caller
            }
        }
        return generate(type);
    }

    /** Keys made ahead and not yet taken, of any type (for tests). */
    static int waiting() {
        synchronized (AHEAD) {
            return AHEAD.values().stream().mapToInt(Deque::size).sum();
        }
    }

    private static KeyPair make(KeyType type) {
        try {
            return generate(type);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a " + type.id() + " key: " + e.getMessage(), e);
        }
    }

    private static KeyPair generate(KeyType keyType) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(keyType.algorithm());
        if (keyType == KeyType.EC_P256) {
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        } else {
            generator.initialize(keyType.size(), RANDOM);
        }
        return generator.generateKeyPair();
    }
}
