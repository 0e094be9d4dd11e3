/*
 * Independent reference for the Rng tests: xoshiro128** 1.1 as published by Blackman & Vigna
 * (https://prng.di.unimi.it/xoshiro128starstar.c), written from the published algorithm, plus
 * the seeding used by Rng's constructor (four outputs of a splitmix32-style generator:
 * x += 0x9e3779b9, then murmur3's fmix32 finaliser).
 * Build and run: gcc -O2 -std=c99 -o /tmp/xo xoshiro128ss.c && /tmp/xo > ../fixtures/xoshiro128ss.json
 */
#include <stdint.h>
#include <stdio.h>

static uint32_t s[4];

static inline uint32_t rotl(const uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }

static uint32_t next(void) {
  const uint32_t result = rotl(s[1] * 5, 7) * 9;
  const uint32_t t = s[1] << 9;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 11);
  return result;
}

static void jump(void) {
  static const uint32_t JUMP[] = {0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b};
  uint32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (int i = 0; i < 4; i++)
    for (int b = 0; b < 32; b++) {
      if (JUMP[i] & UINT32_C(1) << b) {
        s0 ^= s[0];
        s1 ^= s[1];
        s2 ^= s[2];
        s3 ^= s[3];
      }
      next();
    }
  s[0] = s0;
  s[1] = s1;
  s[2] = s2;
  s[3] = s3;
}

static uint32_t seed_x;
static uint32_t seed_next(void) {
  seed_x += 0x9e3779b9u;
  uint32_t z = seed_x;
  z = (z ^ (z >> 16)) * 0x85ebca6bu;
  z = (z ^ (z >> 13)) * 0xc2b2ae35u;
  return z ^ (z >> 16);
}

static void print_outputs(int n) {
  printf("[");
  for (int i = 0; i < n; i++) printf("%s%u", i ? ", " : "", next());
  printf("]");
}

int main(void) {
  const uint32_t state[4] = {1u, 2u, 3u, 4u};
  printf("{\n  \"state\": [1, 2, 3, 4],\n  \"outputs\": ");
  for (int i = 0; i < 4; i++) s[i] = state[i];
  print_outputs(20);
  printf(",\n  \"afterJumpState\": ");
  for (int i = 0; i < 4; i++) s[i] = state[i];
  jump();
  printf("[%u, %u, %u, %u]", s[0], s[1], s[2], s[3]);
  printf(",\n  \"afterJumpOutputs\": ");
  print_outputs(10);
  printf(",\n  \"state2\": [2463534242, 3735928559, 305419896, 2271560481],\n  \"outputs2\": ");
  s[0] = 2463534242u; s[1] = 3735928559u; s[2] = 305419896u; s[3] = 2271560481u;
  for (int i = 0; i < 1000; i++) next();
  print_outputs(10);
  printf(",\n  \"seeded\": [");
  const uint32_t seeds[3] = {0u, 42u, 4294967295u};
  for (int k = 0; k < 3; k++) {
    seed_x = seeds[k];
    for (int i = 0; i < 4; i++) s[i] = seed_next();
    printf("%s\n    { \"seed\": %u, \"state\": [%u, %u, %u, %u], \"outputs\": ", k ? "," : "", seeds[k],
           s[0], s[1], s[2], s[3]);
    print_outputs(5);
    printf(" }");
  }
  printf("\n  ]\n}\n");
  return 0;
}
