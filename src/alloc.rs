//! The wasm's memory allocator: one free list per power-of-two size.
//!
//! Rust's default allocator on wasm (dlmalloc) is 2.5 KB of the bundle (brotli); this one is
//! a tenth of that. It suits what cartlift allocates: small values, freed and allocated again
//! in the same sizes on every cart update, so memory settles at the peak of a few updates
//! (the end-to-end load test holds it there through 10,000 updates). Every operation is O(1).
//!
//! A block of size class `k` is `2^k` bytes and starts at a multiple of `2^k`, so a block
//! freed by one value fits any later value of its class, whatever that value's alignment.
//! Freed blocks are never merged or returned to the browser (wasm memory cannot shrink).
//! The page's JavaScript is single-threaded, and so is this module (no shared memory).

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ptr::null_mut;

/// wasm's page size.
const PAGE: usize = 65_536;
/// Classes from 8 bytes (a free block holds the next one's address) to the whole 4 GiB.
const CLASSES: usize = 32;

/// The allocator's state.
pub struct SizeClasses {
    inner: UnsafeCell<State>,
}

struct State {
    /// The first free block of each class, each holding the address of the next (0 ends).
    free: [usize; CLASSES],
    /// The untouched memory from `next` to `end`, carved into new blocks.
    next: usize,
    end: usize,
}

// SAFETY: wasm32-unknown-unknown without the atomics feature runs on one thread only.
unsafe impl Sync for SizeClasses {}

impl SizeClasses {
    /// An empty allocator: memory is asked for from the first allocation on.
    pub const fn new() -> SizeClasses {
        SizeClasses {
            inner: UnsafeCell::new(State {
                free: [0; CLASSES],
                next: 0,
                end: 0,
            }),
        }
    }
}

impl Default for SizeClasses {
    fn default() -> SizeClasses {
        SizeClasses::new()
    }
}

/// The class of blocks that fits `layout`: its size and alignment, rounded up to a power of
/// two, as that power. `None` past the largest class.
fn class(layout: Layout) -> Option<usize> {
    let bytes = layout.size().max(layout.align()).max(8);
    let k = bytes.checked_next_power_of_two()?.trailing_zeros() as usize;
    (k < CLASSES).then_some(k)
}

impl State {
    /// A new block of `size` bytes (a power of two) aligned to its size, from untouched memory
    /// (asking the browser for more as needed); 0 when there is no more.
    fn carve(&mut self, size: usize) -> usize {
        loop {
            let start = self.next.next_multiple_of(size);
            let Some(stop) = start.checked_add(size) else {
                return 0;
            };
            if stop <= self.end {
                self.next = stop;
                return start;
            }
            let pages = (stop - self.end).div_ceil(PAGE);
            let old = grow(pages);
            if old == usize::MAX {
                return 0;
            }
            // New memory starts where the old ended; before the first growth, that was not ours.
            let from = old * PAGE;
            if from != self.end {
                self.next = from;
            }
            self.end = from + pages * PAGE;
        }
    }
}

/// Grows the wasm memory by `pages`; its old size in pages, or `usize::MAX` when refused.
#[cfg(target_arch = "wasm32")]
fn grow(pages: usize) -> usize {
    core::arch::wasm32::memory_grow(0, pages)
}

/// Natively there is no wasm memory to grow (the allocator is used only in the wasm).
#[cfg(not(target_arch = "wasm32"))]
fn grow(_pages: usize) -> usize {
    usize::MAX
}

unsafe impl GlobalAlloc for SizeClasses {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(k) = class(layout) else {
            return null_mut();
        };
        // SAFETY: one thread, and no call here re-enters the allocator.
        let state = unsafe { &mut *self.inner.get() };
        let block = state.free[k];
        if block != 0 {
            // SAFETY: a free block's first word is the next free block's address.
            state.free[k] = unsafe { *(block as *const usize) };
            return block as *mut u8;
        }
        state.carve(1 << k) as *mut u8
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let Some(k) = class(layout) else { return };
        // SAFETY: one thread; `ptr` is a block of class `k` that its owner has given up.
        let state = unsafe { &mut *self.inner.get() };
        unsafe { *(ptr as *mut usize) = state.free[k] };
        state.free[k] = ptr as usize;
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let Ok(new) = Layout::from_size_align(new_size, layout.align()) else {
            return null_mut();
        };
        if class(new) == class(layout) {
            return ptr;
        }
        // SAFETY: as for `alloc` and `dealloc`; the old block holds `layout.size()` bytes.
        unsafe {
            let moved = self.alloc(new);
            if !moved.is_null() {
                core::ptr::copy_nonoverlapping(ptr, moved, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            moved
        }
    }
}
