package io.nemesisdb.command;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.nemesisdb.ApplicationSingleton;
import io.nemesisdb.config.ServerSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * {@code nemesis.max-memory}, as Redis's {@code maxmemory} with {@code noeviction}: once the heap
 * in use after a garbage collection passes the limit, commands that store more are refused (16)
 * until deletes, or a collection that frees garbage, bring it below again. Reads and deletes go
 * on. Measured after each collection, the live data rather than the garbage of the moment; a
 * request reads one field.
 */
@ApplicationSingleton
public class MemoryLimit {

    @Inject
    ServerSettings settings;

    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener afterCollection = this::collected;
    private Set<String> heapPools;
    private long limit;
    private volatile long usedAfterCollection;

    @PostConstruct
    void watch() {
        limit = settings.maxMemory();
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .collect(Collectors.toUnmodifiableSet());
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(afterCollection, null, null);
                emitters.add(emitter);
            }
        }
    }

    @PreDestroy
    void stop() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(afterCollection);
            } catch (ListenerNotFoundException e) {
                // already gone
            }
        }
    }

    /** True while the heap in use after the last collection is above the limit. */
    public boolean exceeded() {
        return usedAfterCollection > limit;
    }

    /** The limit in bytes. */
    public long limit() {
        return limit;
    }

    /** Heap in use after the last garbage collection, in bytes. */
    public long usedAfterCollection() {
        return usedAfterCollection;
    }

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        usedAfterCollection = used;
    }
}
