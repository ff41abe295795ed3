pub mod csv_reader;
