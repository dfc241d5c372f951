using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RepitBot.Shared.Platform.Flags.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class FeatureFlags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "feature_flag_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: true),
                    changed_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    changed_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_feature_flag_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "feature_flags",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    changed_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    changed_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_feature_flags", x => x.name);
                });

            migrationBuilder.CreateIndex(
                name: "ix_feature_flag_changes_changed_at",
                table: "feature_flag_changes",
                column: "changed_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "feature_flag_changes");

            migrationBuilder.DropTable(
                name: "feature_flags");
        }
    }
}
