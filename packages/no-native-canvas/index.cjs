// pdfjs-dist catches this and goes on without canvas polyfills, which only rendering needs.
throw new Error('@napi-rs/canvas is left out of Countersign: pdfjs-dist is used for text and geometry only, never for rendering.');
