//! The wasm's allocator (`src/alloc.rs`), in the browser where it is the global allocator.

use std::alloc::{alloc, dealloc, realloc, Layout};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn layout(size: usize, align: usize) -> Layout {
    Layout::from_size_align(size, align).expect("a valid layout")
}

#[wasm_bindgen_test]
fn a_freed_24_byte_block_is_given_again_for_a_32_byte_value() {
    unsafe {
        let a = alloc(layout(24, 8));
        dealloc(a, layout(24, 8));
        let b = alloc(layout(32, 4));
        assert_eq!(a, b);
        dealloc(b, layout(32, 4));
    }
}

#[wasm_bindgen_test]
fn growing_within_a_size_class_keeps_the_block() {
    unsafe {
        let a = alloc(layout(40, 8));
        let b = realloc(a, layout(40, 8), 64);
        assert_eq!(a, b);
        dealloc(b, layout(64, 8));
    }
}

/// Thousands of allocations, reallocations and frees of mixed sizes and alignments: every
/// block is aligned, and what was written to each is intact when it is freed (no two live
/// blocks overlap, no free list hands out a live block).
#[wasm_bindgen_test]
fn blocks_are_aligned_and_never_overlap() {
    let mut seed = 0x9e37_79b9_u32;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed as usize
    };
    let mut live: Vec<(*mut u8, Layout, u8)> = Vec::new();
    for step in 0..20_000 {
        let op = next() % 10;
        if op < 5 || live.is_empty() {
            let l = layout(1 + next() % 3000, 1 << (next() % 7));
            let p = unsafe { alloc(l) };
            assert!(!p.is_null());
            assert_eq!(p as usize % l.align(), 0, "step {step}: misaligned");
            let mark = step as u8;
            unsafe { p.write_bytes(mark, l.size()) };
            live.push((p, l, mark));
        } else {
            let (p, l, mark) = live.swap_remove(next() % live.len());
            let bytes = unsafe { std::slice::from_raw_parts(p, l.size()) };
            assert!(
                bytes.iter().all(|&b| b == mark),
                "step {step}: a block was overwritten"
            );
            if op < 7 {
                let size = 1 + next() % 6000;
                let q = unsafe { realloc(p, l, size) };
                assert!(!q.is_null());
                let kept = unsafe { std::slice::from_raw_parts(q, l.size().min(size)) };
                assert!(
                    kept.iter().all(|&b| b == mark),
                    "step {step}: realloc lost bytes"
                );
                let l = layout(size, l.align());
                unsafe { q.write_bytes(mark, size) };
                live.push((q, l, mark));
            } else {
                unsafe { dealloc(p, l) };
            }
        }
    }
    for (p, l, mark) in live {
        let bytes = unsafe { std::slice::from_raw_parts(p, l.size()) };
        assert!(bytes.iter().all(|&b| b == mark));
        unsafe { dealloc(p, l) };
    }
}
