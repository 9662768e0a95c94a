declare module 'seek-bzip' {
  const Bunzip: {
    /** Decompresses a whole bzip2 stream (several concatenated streams with `multistream`). */
    decode(input: Uint8Array, output?: Uint8Array, multistream?: boolean): Buffer;
  };
  export default Bunzip;
}
