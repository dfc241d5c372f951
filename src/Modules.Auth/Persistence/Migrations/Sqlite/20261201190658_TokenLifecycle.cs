using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RepitBot.Modules.Auth.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class TokenLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "code_version",
                table: "token_families",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "revoked_generation",
                table: "token_families",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "code_version",
                table: "telegram_grants",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "generation",
                table: "revoked_access_tokens",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "access_token_id",
                table: "refresh_tokens",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "successor_id",
                table: "refresh_tokens",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "revocation_counter",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    generation = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_revocation_counter", x => x.id);
                });

            migrationBuilder.InsertData(
                table: "revocation_counter",
                columns: new[] { "id", "generation" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "ix_token_families_expires_at",
                table: "token_families",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_token_families_revoked_generation",
                table: "token_families",
                column: "revoked_generation");

            migrationBuilder.CreateIndex(
                name: "ix_revoked_access_tokens_generation",
                table: "revoked_access_tokens",
                column: "generation");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "revocation_counter");

            migrationBuilder.DropIndex(
                name: "ix_token_families_expires_at",
                table: "token_families");

            migrationBuilder.DropIndex(
                name: "ix_token_families_revoked_generation",
                table: "token_families");

            migrationBuilder.DropIndex(
                name: "ix_revoked_access_tokens_generation",
                table: "revoked_access_tokens");

            migrationBuilder.DropColumn(
                name: "code_version",
                table: "token_families");

            migrationBuilder.DropColumn(
                name: "revoked_generation",
                table: "token_families");

            migrationBuilder.DropColumn(
                name: "code_version",
                table: "telegram_grants");

            migrationBuilder.DropColumn(
                name: "generation",
                table: "revoked_access_tokens");

            migrationBuilder.DropColumn(
                name: "access_token_id",
                table: "refresh_tokens");

            migrationBuilder.DropColumn(
                name: "successor_id",
                table: "refresh_tokens");
        }
    }
}
