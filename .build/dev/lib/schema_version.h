/* generated from sql/migrations */
#define PHANANH_SCHEMA_VERSION 4
