//! Work spread over threads, results in order.

use std::sync::Mutex;

/// `f` of each item, computed on up to `threads` threads, returned in the
/// items' order. Each thread takes the next item as it finishes one, so a
/// run of slow items does not leave a core idle. A panic in `f` is raised
/// again here.
///
/// ```
/// use franglais_index::parallel::map_in_order;
/// let squares = map_in_order(1..6u32, 2, |n| n * n);
/// assert_eq!(squares, [1, 4, 9, 16, 25]);
/// ```
pub fn map_in_order<T: Send, R: Send>(
    items: impl ExactSizeIterator<Item = T> + Send,
    threads: usize,
    f: impl Fn(T) -> R + Sync,
) -> Vec<R> {
    let len = items.len();
    let items = Mutex::new(items.enumerate());
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.clamp(1, len.max(1)))
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    // The lock is held only to take the next item.
                    while let Some((i, item)) = items.lock().ok().and_then(|mut it| it.next()) {
                        done.push((i, f(item)));
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    results.sort_unstable_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}
