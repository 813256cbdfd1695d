import dotenv from 'dotenv';

// quiet: dotenv's own banner would otherwise land on stdout, where the CLI writes its results.
dotenv.config({ quiet: true });
