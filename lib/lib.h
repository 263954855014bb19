/* lib.h: the few helpers every folder needs (memory, strings, UTF-8). */
#ifndef CONSULT_LIB_H
#define CONSULT_LIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define PRINTFLIKE(a, b) __attribute__((format(printf, a, b)))

/* Allocate or die: out of memory is fatal here and nowhere else. */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...) PRINTFLIKE(2, 3);
int	 xvasprintf(char **, const char *, va_list) PRINTFLIKE(2, 0);

/* Zero then free a NUL-terminated secret string; NULL does nothing. */
void	 wipe_free(char *);
/* Zero n bytes in a way the compiler cannot drop. */
void	 wipe(void *, size_t);

/* A growable byte buffer. Contents are wiped when cleared. */
struct buf {
	unsigned char	*data;
	size_t		 len;
	size_t		 size;
};
void	 buf_init(struct buf *);
void	 buf_clear(struct buf *);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_add_str(struct buf *, const char *);
void	 buf_add_byte(struct buf *, unsigned char);
void	 buf_printf(struct buf *, const char *, ...) PRINTFLIKE(2, 3);
/* Make data a NUL-terminated string (NUL not counted in len). */
const char *buf_str(struct buf *);

/* Trim ASCII spaces in place; returns s. */
char	*str_trim(char *);
/* Lower-case ASCII in place; returns s. */
char	*str_lower(char *);
/* Case-insensitive ASCII equality. */
int	 str_ieq(const char *, const char *);
/* Levenshtein distance between two short strings. */
size_t	 str_distance(const char *, const char *);

/* Length of a valid UTF-8 string, or 0 with *bad set to the offset of
 * the first invalid byte when it is not valid. Returns 1 if valid. */
int	 utf8_valid(const char *, size_t, size_t *bad);
/* Decode the UTF-8 sequence at s (n > 0 bytes left) into *cp: its
 * length, or 0 if it is not valid (overlong, surrogate, past U+10FFFF). */
size_t	 utf8_decode(const unsigned char *, size_t, uint32_t *);
/* Display width of a UTF-8 string (wcwidth); control chars count 0. */
size_t	 utf8_width(const char *);

/* A small deterministic PRNG (splitmix64) for reproducible shuffles. */
struct prng {
	uint64_t	 state;
};
void	 prng_init(struct prng *, uint64_t);
uint64_t prng_next(struct prng *);
/* Uniform in [0, n), n > 0. */
uint32_t prng_uniform(struct prng *, uint32_t);
/* Shuffle an array of n ints in place (Fisher-Yates). */
void	 prng_shuffle(struct prng *, int *, size_t);

#endif
