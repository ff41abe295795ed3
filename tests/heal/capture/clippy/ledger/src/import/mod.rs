pub mod csv_statement;
