using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RepitBot.Modules.Users.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    telegram_id = table.Column<long>(type: "INTEGER", nullable: true),
                    username = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    full_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    search_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    tutor_id = table.Column<long>(type: "INTEGER", nullable: true),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    access_code_lookup = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    access_code_hash = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    access_code_issued_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                    table.ForeignKey(
                        name: "fk_users_users_tutor_id",
                        column: x => x.tutor_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "parent_links",
                columns: table => new
                {
                    child_id = table.Column<long>(type: "INTEGER", nullable: false),
                    parent_id = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_parent_links", x => new { x.child_id, x.parent_id });
                    table.ForeignKey(
                        name: "fk_parent_links_users_child_id",
                        column: x => x.child_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_parent_links_users_parent_id",
                        column: x => x.parent_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_parent_links_parent_id",
                table: "parent_links",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_users_access_code_lookup",
                table: "users",
                column: "access_code_lookup",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_users_role",
                table: "users",
                column: "role");

            migrationBuilder.CreateIndex(
                name: "ix_users_telegram_id",
                table: "users",
                column: "telegram_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_users_tutor_id",
                table: "users",
                column: "tutor_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "parent_links");

            migrationBuilder.DropTable(
                name: "users");
        }
    }
}
