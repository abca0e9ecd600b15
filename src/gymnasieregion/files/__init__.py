"""Files that users upload and download: CSV and XLSX tables."""
